/**
 * Reads the tables, columns, keys and indexes that T-SQL scripts create
 * (CREATE TABLE, ALTER TABLE … ADD, CREATE [UNIQUE] INDEX), for comparing the
 * SQL Server schema with the SQLite one that can really be built here.
 * Only the DDL forms our migrations use are understood; anything else in a
 * script fails the reading loudly.
 */
export interface ColumnShape {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly default: string | null;
}

export interface SchemaShape {
  /** Columns per table, in order. */
  readonly tables: Map<string, ColumnShape[]>;
  /** `table(col,col)` of every unique constraint or unique index, and `pk:table(col)` of primary keys. */
  readonly uniques: Set<string>;
  /** `table.col->table.col`. */
  readonly foreignKeys: Set<string>;
  /** Names of non-unique indexes: `table:name(col,col)`, with ` where …` for a filtered one. */
  readonly indexes: Set<string>;
  /** `table:name:expression` of every named CHECK constraint, spaces and quoting normalized. */
  readonly checks: Set<string>;
}

export function emptyShape(): SchemaShape {
  return { tables: new Map(), uniques: new Set(), foreignKeys: new Set(), indexes: new Set(), checks: new Set() };
}

export function readTsqlSchema(scripts: readonly string[], shape: SchemaShape = emptyShape()): SchemaShape {
  for (const script of scripts) {
    for (const statement of statements(script)) readStatement(statement, shape);
  }
  return shape;
}

function statements(script: string): string[] {
  const noComments = script.replace(/--[^\n]*/g, '').replace(/^\s*GO\s*$/gim, ';');
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of noComments) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ';') {
      if (current.trim() !== '') out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out.map((s) => s.replace(/\s+/g, ' '));
}

const ident = (text: string): string => text.replace(/[[\]"]/g, '').trim().toLowerCase();
/** An expression or filter as both dialects would compare it: no quoting of names, one space, lower case. */
export const normalizeExpression = (text: string): string =>
  text.replace(/[[\]"]/g, '').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim().toLowerCase();
const columnList = (text: string): string => text.split(',').map(ident).join(',');

function readStatement(statement: string, shape: SchemaShape): void {
  const guarded = /^IF OBJECT_ID\(.*?\) IS NULL (CREATE TABLE .*)$/i.exec(statement);
  const sql = guarded?.[1] ?? statement;
  let m = /^CREATE TABLE (\S+) \((.*)\)$/i.exec(sql);
  if (m) {
    const table = ident(m[1] ?? '');
    const columns: ColumnShape[] = [];
    shape.tables.set(table, columns);
    for (const part of splitTopLevel(m[2] ?? '')) readTableElement(table, part, shape, columns);
    return;
  }
  m = /^ALTER TABLE (\S+) ADD (.*)$/i.exec(sql);
  if (m) {
    const table = ident(m[1] ?? '');
    const columns = shape.tables.get(table);
    if (columns === undefined) throw new Error(`ALTER TABLE of unknown table ${table}`);
    for (const part of splitTopLevel(m[2] ?? '')) readTableElement(table, part, shape, columns);
    return;
  }
  m = /^CREATE (UNIQUE )?INDEX (\S+) ON (\S+) \(([^)]*)\)(?: WHERE (.*))?$/i.exec(sql);
  if (m) {
    const table = ident(m[3] ?? '');
    const cols = columnList(m[4] ?? '');
    const filter = m[5] === undefined ? '' : ` where ${normalizeExpression(m[5])}`;
    if (m[1] !== undefined) shape.uniques.add(`${table}(${cols})${filter}`);
    else shape.indexes.add(`${table}:${ident(m[2] ?? '')}(${cols})${filter}`);
    return;
  }
  throw new Error(`T-SQL statement not understood by the schema reader: ${statement.slice(0, 80)}`);
}

function readTableElement(table: string, part: string, shape: SchemaShape, columns: ColumnShape[]): void {
  const check = /^CONSTRAINT (\S+) CHECK\s*\((.*)\)$/i.exec(part);
  if (check) {
    shape.checks.add(`${table}:${ident(check[1] ?? '')}:${normalizeExpression(check[2] ?? '')}`);
    return;
  }
  const constraint = /^(?:CONSTRAINT \S+ )?(PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK)\s*\((.*?)\)(.*)$/i.exec(part);
  if (constraint) {
    const kind = (constraint[1] ?? '').toUpperCase();
    const cols = columnList(constraint[2] ?? '');
    if (kind === 'PRIMARY KEY') shape.uniques.add(`pk:${table}(${cols})`);
    if (kind === 'UNIQUE') shape.uniques.add(`${table}(${cols})`);
    if (kind === 'FOREIGN KEY') {
      const ref = /REFERENCES (\S+) \((\S+?)\)(.*)$/i.exec(constraint[3] ?? '');
      shape.foreignKeys.add(`${table}.${cols}->${ident(ref?.[1] ?? '')}.${ident(ref?.[2] ?? '')}${onDelete(ref?.[3] ?? '')}`);
    }
    return;
  }
  const column = /^(\S+) ([A-Z0-9]+(?:\([^)]*\))?)(.*)$/i.exec(part);
  if (!column) throw new Error(`column definition not understood in ${table}: ${part}`);
  const name = ident(column[1] ?? '');
  const rest = column[3] ?? '';
  const primaryKey = /PRIMARY KEY/i.test(rest);
  const defaultValue = /DEFAULT ('[^']*'|[-\d.]+)/i.exec(rest)?.[1] ?? null;
  columns.push({
    name,
    type: (column[2] ?? '').toUpperCase().replace(/\s+/g, ''),
    notNull: /NOT NULL/i.test(rest) || primaryKey,
    default: defaultValue,
  });
  if (primaryKey) shape.uniques.add(`pk:${table}(${name})`);
  const ref = /REFERENCES (\S+) \((\S+?)\)(.*)$/i.exec(rest);
  if (ref) shape.foreignKeys.add(`${table}.${name}->${ident(ref[1] ?? '')}.${ident(ref[2] ?? '')}${onDelete(ref[3] ?? '')}`);
}

function onDelete(rest: string): string {
  const action = /ON DELETE (CASCADE|SET NULL|SET DEFAULT|NO ACTION)/i.exec(rest)?.[1];
  return action === undefined || action.toUpperCase() === 'NO ACTION' ? '' : ` on delete ${action.toLowerCase()}`;
}

/** The named CHECK constraints of one CREATE TABLE statement, as `table:name:expression`. */
export function checkConstraintsOf(createTable: string): string[] {
  const shape = emptyShape();
  readTsqlSchema([createTable], shape);
  return [...shape.checks];
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}
