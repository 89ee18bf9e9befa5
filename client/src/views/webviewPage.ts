// What every Dockhand webview page starts with: the strict content security
// policy (nothing from the network; scripts only with the page's nonce;
// styles from the extension or inline) and HTML escaping for text we write in.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The `<head>` opening of a page: charset, the policy, the viewport and the title. */
export function pageHead(options: { nonce: string; cspSource: string; title: string }): string {
  return `<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'unsafe-inline'; script-src 'nonce-${options.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>`;
}
