/**
 * Text from the data (zip entry names, file names, record ids) made safe for a terminal: control
 * characters (C0, DEL, C1) and the Unicode line and bidirectional-override characters are
 * written as \xNN or \u{NNNN}, so a hostile name cannot move the cursor, recolour the screen or
 * hide what follows it.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]/g, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
