// The webview pages keep a strict content security policy: nothing from the
// network, scripts only with the page's nonce, and names written in escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statsHtml } from '../../../client/src/views/statsHtml';
import { topologyHtml } from '../../../client/src/views/topologyHtml';

const pages = {
  stats: statsHtml({ nonce: 'N0nce', cspSource: 'vscode-webview://x', project: '<evil>"p' }),
  topology: topologyHtml({ nonce: 'N0nce', cspSource: 'vscode-webview://x', scriptUri: 'vscode-webview://x/dist/topologyView.js', title: 'Topology: <evil>"p' }),
};

for (const [name, html] of Object.entries(pages)) {
  test(`${name} page: strict CSP with the nonce on every script`, () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.ok(csp, 'the page has a policy');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce';/);
    assert.doesNotMatch(csp, /https?:|unsafe-eval|\*/);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.match(tag, /nonce="N0nce"/);
    assert.ok(!html.includes('<evil>'), 'names are escaped');
    assert.match(html, /&#60;evil&#62;&#34;p/);
  });
}
