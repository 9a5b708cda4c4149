/** Bilingual messages for zod's common failures, installed for the server and the client alike. */
import { z } from 'zod';

z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type' && iss.input === undefined) return '必填项 / Required';
    if (iss.code === 'invalid_type') return `类型错误，应为 ${iss.expected} / Expected ${iss.expected}`;
    if (iss.code === 'unrecognized_keys') return `不支持的字段 / Unknown field(s): ${iss.keys.join(', ')}`;
    if (iss.code === 'too_small' && iss.origin === 'string') return `至少${String(iss.minimum)}个字符 / At least ${String(iss.minimum)} characters`;
    if (iss.code === 'too_big' && iss.origin === 'string') return `最多${String(iss.maximum)}个字符 / At most ${String(iss.maximum)} characters`;
    if (iss.code === 'too_small' && iss.origin === 'array') return `至少${String(iss.minimum)}项 / At least ${String(iss.minimum)} item(s)`;
    if (iss.code === 'too_big' && iss.origin === 'array') return `最多${String(iss.maximum)}项 / At most ${String(iss.maximum)} item(s)`;
    if (iss.code === 'invalid_value') return `取值应为 ${iss.values.map(String).join(' | ')} / Expected one of ${iss.values.map(String).join(', ')}`;
    return undefined;
  },
});
