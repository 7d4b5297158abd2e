/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 OS, section 9), as the generated parser
 * builds it from `stix-pattern.peggy`. Plain data only (no classes, no functions), so a parsed
 * pattern crosses to worker threads by structured clone and is parsed once per run.
 */

/** A constant (section 9.3). Binary stays base64 text, hex lower-case digits, timestamps text. */
export type Literal =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'binary'; readonly value: string }
  | { readonly type: 'hex'; readonly value: string }
  | { readonly type: 'timestamp'; readonly value: string };

/**
 * An object path (section 9.4): the object type and its steps. A string step is a property (or
 * a quoted dictionary key), a number a list index, `null` the `[*]` wildcard.
 */
export interface ObjectPath {
  readonly type: string;
  readonly steps: readonly (string | number | null)[];
}

/** Comparison operators; `!=` also stands for `<>`, `=` for `==`. */
export type ComparisonOp =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET'
  | 'EXISTS';

/** One comparison: `file:name NOT LIKE 'x%'`; `value` is a list for IN, null for EXISTS. */
export interface Comparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly op: ComparisonOp;
  readonly negated: boolean;
  readonly value: Literal | readonly Literal[] | null;
  /** 1-based column where the comparison starts in the pattern text. */
  readonly column: number;
}

/** Comparisons joined inside one observation (`[a AND (b OR c)]`). */
export type ComparisonExpression =
  | Comparison
  | { readonly kind: 'and'; readonly operands: readonly ComparisonExpression[] }
  | { readonly kind: 'or'; readonly operands: readonly ComparisonExpression[] };

/** Observation qualifiers (section 9.6); timestamps as text. */
export type Qualifier =
  | {
      readonly kind: 'startstop';
      readonly start: string;
      readonly stop: string;
      readonly column: number;
    }
  | { readonly kind: 'within'; readonly seconds: number; readonly column: number }
  | { readonly kind: 'repeats'; readonly times: number; readonly column: number };

/** An observation expression: the whole pattern is one. */
export type ObservationExpression =
  | { readonly kind: 'observation'; readonly comparison: ComparisonExpression }
  | { readonly kind: 'and'; readonly operands: readonly ObservationExpression[] }
  | { readonly kind: 'or'; readonly operands: readonly ObservationExpression[] }
  | { readonly kind: 'followedby'; readonly operands: readonly ObservationExpression[] }
  | {
      readonly kind: 'qualified';
      readonly expr: ObservationExpression;
      readonly qualifier: Qualifier;
    };
