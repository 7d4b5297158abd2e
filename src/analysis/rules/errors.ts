/**
 * The compile-time error of the rule engine: what is wrong and where, as a path into the rule
 * document (`['detection', 'selection', 'modbus.function_code|gt']`), which the loader turns
 * into a file position. Rules are compiled before any packet is read, so throwing here never
 * touches the hot path.
 */

/** A rule that cannot be compiled: the path of the offending node and what was expected. */
export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'RuleSyntaxError';
  }
}
