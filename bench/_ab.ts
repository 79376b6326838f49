import { tuneV8 } from '../server/src/cli/v8-tuning';
import { EDIT_KINDS, typingDocument, typingMedians } from './typing';
tuneV8();
const fifty = typingDocument(50_000);
const rs = typingMedians(fifty, Object.keys(EDIT_KINDS), 8, 11);
console.log(rs.map((r) => `${r.kind}=${r.median.toFixed(1)}`).join(' '));
