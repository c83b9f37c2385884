/**
 * A password or other secret. It masks itself wherever it could be printed
 * (JSON, string conversion, util.inspect, a log line), so that a secret
 * never reaches a log or a client by accident; `reveal()` is the one way to
 * read it, used where the secret is sent to the server that needs it.
 */
const MASK = '********';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get isEmpty(): boolean {
    return this.#value === '';
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return MASK;
  }
}
