/**
 * The attributes SpreadsheetML allows on the elements of the parts Taizhang writes tables, validation and
 * styles into. Source: ECMA-376 5th edition, Part 1, Annex A.2 (sml.xsd), transitional schema — complex types
 * CT_Table §18.5.1.2, CT_TableColumns §18.5.1.4, CT_TableColumn §18.5.1.3, CT_TableStyleInfo §18.5.1.5,
 * CT_AutoFilter §18.3.1.2, CT_FilterColumn §18.3.1.33, CT_SortState §18.3.1.92, CT_SortCondition §18.3.1.92,
 * CT_DataValidations §18.3.1.33, CT_DataValidation §18.3.1.32, CT_Stylesheet §18.8.39 and its children
 * (CT_NumFmt §18.8.30, CT_Font §18.8.22, CT_Fill §18.8.20, CT_PatternFill §18.8.32, CT_GradientFill §18.8.24,
 * CT_Border §18.8.4, CT_BorderPr §18.8.6, CT_Xf §18.8.45, CT_CellAlignment §18.8.1, CT_CellProtection §18.8.33,
 * CT_CellStyle §18.8.7, CT_Dxf §18.8.14, CT_TableStyles §18.8.42, CT_Color §18.8.19 …).
 * Namespace declarations and attributes in a namespace the part declares ignorable (mc:Ignorable, ECMA-376
 * Part 3, §10.1) are allowed besides: every conforming reader skips them.
 */

const COLOR = ['auto', 'indexed', 'rgb', 'theme', 'tint'];
const VAL = ['val'];

export const SPREADSHEETML_ATTRIBUTES: Record<string, string[]> = {
  // table part (xl/tables/*.xml)
  table: ['id', 'name', 'displayName', 'comment', 'ref', 'tableType', 'headerRowCount', 'insertRow', 'insertRowShift', 'totalsRowCount', 'totalsRowShown', 'published', 'headerRowDxfId', 'dataDxfId', 'totalsRowDxfId', 'headerRowBorderDxfId', 'tableBorderDxfId', 'totalsRowBorderDxfId', 'headerRowCellStyle', 'dataCellStyle', 'totalsRowCellStyle', 'connectionId'],
  autoFilter: ['ref'],
  filterColumn: ['colId', 'hiddenButton', 'showButton'],
  sortState: ['columnSort', 'caseSensitive', 'sortMethod', 'ref'],
  sortCondition: ['descending', 'sortBy', 'ref', 'customList', 'dxfId', 'iconSet', 'iconId'],
  tableColumns: ['count'],
  tableColumn: ['id', 'uniqueName', 'name', 'totalsRowFunction', 'totalsRowLabel', 'queryTableFieldId', 'headerRowDxfId', 'dataDxfId', 'totalsRowDxfId', 'headerRowCellStyle', 'dataCellStyle', 'totalsRowCellStyle'],
  calculatedColumnFormula: ['array'],
  totalsRowFormula: ['array'],
  tableStyleInfo: ['name', 'showFirstColumn', 'showLastColumn', 'showRowStripes', 'showColumnStripes'],
  // data validation (in xl/worksheets/*.xml)
  dataValidations: ['disablePrompts', 'xWindow', 'yWindow', 'count'],
  dataValidation: ['type', 'errorStyle', 'imeMode', 'operator', 'allowBlank', 'showDropDown', 'showInputMessage', 'showErrorMessage', 'errorTitle', 'error', 'promptTitle', 'prompt', 'sqref'],
  formula1: [],
  formula2: [],
  // styles part (xl/styles.xml)
  styleSheet: [],
  numFmts: ['count'],
  numFmt: ['numFmtId', 'formatCode'],
  fonts: ['count'],
  font: [],
  b: VAL,
  i: VAL,
  strike: VAL,
  condense: VAL,
  extend: VAL,
  outline: VAL,
  shadow: VAL,
  u: VAL,
  vertAlign: VAL,
  sz: VAL,
  color: COLOR,
  name: VAL,
  family: VAL,
  charset: VAL,
  scheme: VAL,
  fills: ['count'],
  fill: [],
  patternFill: ['patternType'],
  fgColor: COLOR,
  bgColor: COLOR,
  gradientFill: ['type', 'degree', 'left', 'right', 'top', 'bottom'],
  stop: ['position'],
  borders: ['count'],
  border: ['diagonalUp', 'diagonalDown', 'outline'],
  start: ['style'],
  end: ['style'],
  left: ['style'],
  right: ['style'],
  top: ['style'],
  bottom: ['style'],
  diagonal: ['style'],
  vertical: ['style'],
  horizontal: ['style'],
  cellStyleXfs: ['count'],
  cellXfs: ['count'],
  xf: ['numFmtId', 'fontId', 'fillId', 'borderId', 'xfId', 'quotePrefix', 'pivotButton', 'applyNumberFormat', 'applyFont', 'applyFill', 'applyBorder', 'applyAlignment', 'applyProtection'],
  alignment: ['horizontal', 'vertical', 'textRotation', 'wrapText', 'indent', 'relativeIndent', 'justifyLastLine', 'shrinkToFit', 'readingOrder'],
  protection: ['locked', 'hidden'],
  cellStyles: ['count'],
  cellStyle: ['name', 'xfId', 'builtinId', 'iLevel', 'hidden', 'customBuiltin'],
  dxfs: ['count'],
  dxf: [],
  tableStyles: ['count', 'defaultTableStyle', 'defaultPivotStyle'],
  tableStyle: ['name', 'pivot', 'table', 'count'],
  tableStyleElement: ['type', 'size', 'dxfId'],
  colors: [],
  indexedColors: [],
  rgbColor: ['rgb'],
  mruColors: [],
  // extension lists (CT_ExtensionList §18.2.10, CT_Extension §18.2.7), allowed in every part above
  extLst: [],
  ext: ['uri'],
};

export interface AttributeUse {
  element: string;
  attribute: string;
}

/** Every start tag's element and attributes in XML, namespace prefixes of SpreadsheetML elements dropped. */
export function attributesIn(xml: string): { element: string; attributes: string[] }[] {
  const out: { element: string; attributes: string[] }[] = [];
  for (const m of xml.matchAll(/<([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    const attributes = [...m[2].matchAll(/([^\s=]+)\s*=\s*(?:"[^"]*"|'[^']*')/g)].map((a) => a[1]);
    out.push({ element: m[1], attributes });
  }
  return out;
}

/** Attributes (and elements) in XML that the allow-list does not have, as element@attribute. */
export function unknownAttributes(xml: string, elements: Set<string> | null = null): string[] {
  const ignorable = new Set((/\smc:Ignorable="([^"]*)"/.exec(xml)?.[1] ?? '').split(/\s+/).filter(Boolean));
  const found = new Set<string>();
  // An extension's content is the schema's xsd:any (CT_Extension, §18.2.7): only its uri is SpreadsheetML.
  const withoutExtensions = xml.replace(/<ext\b([^>]*?)\/?>(?:[\s\S]*?<\/ext>)?/g, (_m, attrs: string) => `<ext${attrs}/>`);
  for (const { element, attributes } of attributesIn(withoutExtensions)) {
    if (element.includes(':')) {
      if (!ignorable.has(element.split(':')[0])) found.add(`<${element}>`);
      continue;
    }
    if (elements && !elements.has(element)) continue;
    const allowed = SPREADSHEETML_ATTRIBUTES[element];
    if (!allowed) {
      found.add(`<${element}>`);
      continue;
    }
    for (const a of attributes) {
      if (a === 'xmlns' || a.startsWith('xmlns:') || a === 'mc:Ignorable') continue;
      if (a.includes(':') && ignorable.has(a.split(':')[0])) continue;
      if (!allowed.includes(a)) found.add(`${element}@${a}`);
    }
  }
  return [...found].sort();
}
