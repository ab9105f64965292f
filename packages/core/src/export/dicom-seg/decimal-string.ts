/**
 * A number as a DICOM Decimal String (DS, PS3.5 6.2): at most 16 characters, so the most significant
 * digits that fit. Formatting here rather than in dcmjs keeps the output exact and dcmjs quiet (it
 * truncates long values with a console message).
 */
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a Decimal String must be finite, not ${value}`);
  const plain = String(value);
  if (plain.length <= 16) return plain;
  for (let digits = 15; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  throw new RangeError(`${value} does not fit a 16-character Decimal String`);
}
