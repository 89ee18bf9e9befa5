// Navigation entry points for the service facade; each feature lives in its own module.
export { definition } from './definition';
export { references } from './references';
export { documentHighlights } from './highlight';
export { prepareRename, rename } from './rename';
export { documentSymbols, workspaceSymbols } from './symbols';
export { foldingRanges } from './folding';
export { documentLinks } from './links';
