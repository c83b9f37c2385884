// The parser inside asterisk-ami-client (used only to compare with our codec in tests and benchmarks).
declare module 'asterisk-ami-events-stream' {
  import { Transform } from 'node:stream';
  export default class AmiEventsStream extends Transform {}
}
