// Placeholder entry points for navigation; the navigation work replaces them with one module per feature.
import type {
  DocumentHighlight, DocumentLink, DocumentSymbol, FoldingRange, Location, Range, SymbolInformation, WorkspaceEdit,
} from 'vscode-languageserver';
import type { ComposeDocument } from '../model/document';
import type { FileModel } from '../model/fileModel';
import type { Workspace } from '../model/workspace';
import type { FeatureRequest } from './request';

export function definition(_req: FeatureRequest): Location[] { return []; }
export function references(_req: FeatureRequest, _includeDeclaration: boolean): Location[] { return []; }
export function documentHighlights(_req: FeatureRequest): DocumentHighlight[] { return []; }
export function prepareRename(_req: FeatureRequest): { range: Range; placeholder: string } | null { return null; }
export function rename(_req: FeatureRequest, _newName: string): WorkspaceEdit | null { return null; }
export function documentSymbols(_doc: ComposeDocument, _file: FileModel): DocumentSymbol[] { return []; }
export function workspaceSymbols(_workspace: Workspace, _uris: readonly string[], _query: string): SymbolInformation[] { return []; }
export function foldingRanges(_doc: ComposeDocument): FoldingRange[] { return []; }
export function documentLinks(_req: Omit<FeatureRequest, 'offset'>): DocumentLink[] { return []; }
