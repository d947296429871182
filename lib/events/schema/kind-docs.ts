import ts from 'typescript';

/*
 * What a kind's declaration says in words: the TSDoc of the kind, of its key and of each field.
 * Comments cost the callback's bundle nothing, and an editor shows them to a subscriber on the
 * detail's type; the JSON Schema takes its descriptions from the same comments, read here with
 * the TypeScript compiler (a development dependency: tests, `npm run docs` and packaging run
 * this, never a function).
 */

/**
 * The words of one kind's declaration (`defineKind({...})` in its file), or of a service event's
 * (`defineServiceEvent({...})`).
 */
export interface KindDocs {
  /** The first paragraph of the kind's TSDoc: what an event of it means. */
  readonly summary?: string;
  /** The TSDoc of its `eventKey`: what its sort key is made of. */
  readonly key?: string;
  /** Each documented or derived field's TSDoc, by name (`exception.type` inside an object). */
  readonly fields: ReadonlyMap<string, string>;
}

export const NO_DOCS: KindDocs = { fields: new Map() };

/**
 * Only parsing and symbol look-ups: no type check, no emit. The kinds' files import valibot and
 * each other, which the checker follows; the DOM's, Node's and Jest's types are not needed.
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

/**
 * The words of every kind and service event declared in `files` (each `const x =
 * defineKind({...})` or `defineServiceEvent({...})`), by detail-type.
 */
export function readKindDocs(files: readonly string[]): ReadonlyMap<string, KindDocs> {
  const program = ts.createProgram([...files], COMPILER_OPTIONS);
  const checker = program.getTypeChecker();
  const docs = new Map<string, KindDocs>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`${file}: TypeScript could not read it`);
    for (const declaration of kindDeclarations(source)) {
      const spec = checker.getTypeAtLocation(declaration.initializer);
      const detailType = checker.getTypeOfSymbol(property(spec, 'detailType'));
      if (!detailType.isStringLiteral()) {
        throw new Error(`${file}: the detail-type of ${declaration.name.getText()} is no literal`);
      }
      const kindSymbol = checker.getSymbolAtLocation(declaration.name);
      const derived = spec.getProperty('derived');
      docs.set(detailType.value, {
        summary: firstParagraph(docOf(checker, kindSymbol)),
        key: docOf(checker, spec.getProperty('eventKey')),
        fields: new Map([
          ...fieldDocs(checker, returnTypeOf(checker, property(spec, 'fields'))),
          ...(derived
            ? fieldDocs(
                checker,
                checker.getTypeOfSymbol(property(checker.getTypeOfSymbol(derived), 'fields')),
              )
            : []),
        ]),
      });
    }
  }
  return docs;
}

/** What a file in `../kinds/` declares with: a callback's kind, or an event of the service's own. */
const DECLARING_FUNCTIONS = new Set(['defineKind', 'defineServiceEvent']);

interface KindDeclaration {
  readonly name: ts.BindingName;
  /** The object literal given to `defineKind` or `defineServiceEvent`. */
  readonly initializer: ts.Expression;
}

function kindDeclarations(source: ts.SourceFile): KindDeclaration[] {
  return source.statements.filter(ts.isVariableStatement).flatMap((statement) =>
    statement.declarationList.declarations.flatMap((declaration) => {
      const call = declaration.initializer;
      const isDeclaration =
        call !== undefined &&
        ts.isCallExpression(call) &&
        ts.isIdentifier(call.expression) &&
        DECLARING_FUNCTIONS.has(call.expression.text);
      const spec = isDeclaration ? call.arguments[0] : undefined;
      return spec === undefined ? [] : [{ name: declaration.name, initializer: spec }];
    }),
  );
}

/** Each property's TSDoc, and those of the entries of an object schema, as `name.entry`. */
function fieldDocs(checker: ts.TypeChecker, type: ts.Type, prefix = ''): [string, string][] {
  return type.getProperties().flatMap((field) => {
    const name = `${prefix}${field.name}`;
    const doc = docOf(checker, field);
    const own: [string, string][] = doc === undefined ? [] : [[name, doc]];
    // valibot's object schemas keep their entries in `entries` (under `wrapped` when optional).
    let schema = checker.getTypeOfSymbol(field);
    const wrapped = schema.getProperty('wrapped');
    if (wrapped) schema = checker.getTypeOfSymbol(wrapped);
    const entries = schema.getProperty('entries');
    const inner = entries ? fieldDocs(checker, checker.getTypeOfSymbol(entries), `${name}.`) : [];
    return [...own, ...inner];
  });
}

function property(type: ts.Type, name: string): ts.Symbol {
  const symbol = type.getProperty(name);
  if (symbol === undefined) throw new Error(`a kind's declaration has no ${name}`);
  return symbol;
}

function returnTypeOf(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Type {
  const [signature] = checker.getTypeOfSymbol(symbol).getCallSignatures();
  if (signature === undefined) throw new Error(`a kind's ${symbol.name} is no function`);
  return signature.getReturnType();
}

/** A symbol's TSDoc, as written. */
function docOf(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  if (symbol === undefined) return undefined;
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker));
  return text === '' ? undefined : text;
}

function firstParagraph(text: string | undefined): string | undefined {
  return text?.split(/\n\s*\n/)[0];
}

/** Whitespace and backticks as a JSON Schema's plain-text description wants them. */
export function plain(text: string): string {
  return text.replaceAll('`', '').replace(/\s+/g, ' ').trim();
}
