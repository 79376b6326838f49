// Public face of the layer-7 engine: decoding of `regexp=` values (CLI and Winbox forms), the regex parser
// and Pike-VM matcher with l7-filter connection semantics, plain-language readings, lint findings, and the
// pcap/pcapng reader that feeds captured connections to the matcher.
export * from './pattern';
export * from './regex';
export * from './engine';
export * from './dfa';
export * from './connection';
export * from './describe';
export * from './analysis';
export * from './pcap';
export * from './flows';
