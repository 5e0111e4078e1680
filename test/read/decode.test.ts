import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, looksBinary } from '../../src/read/decode.ts';
import { InputError } from '../../src/read/errors.ts';

test('decode keeps a UTF-8 BOM as U+FEFF so offsets match any UTF-8 reader', () => {
  const { text, encoding } = decode(Buffer.from([0xef, 0xbb, 0xbf, 0x41]));
  assert.equal(text, '\uFEFFA');
  assert.equal(encoding, 'utf-8-bom');
});

test('decode falls back to Windows-1252 for invalid UTF-8', () => {
  const { text, encoding } = decode(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]));
  assert.equal(text, 'café “q”');
  assert.equal(encoding, 'windows-1252');
});

test('decode refuses empty and binary input with a clear code', () => {
  assert.throws(() => decode(Buffer.alloc(0)), (e: InputError) => e.code === 'empty');
  assert.throws(() => decode(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])), (e: InputError) => e.code === 'binary');
  assert.ok(!looksBinary(Buffer.from('plain text\nwith lines\t and tabs')));
});
