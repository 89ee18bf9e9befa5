// `dockhand check FILE...`: the same diagnostics as the server, for CI.
console.error('dockhand check: not implemented yet');
process.exit(2);
