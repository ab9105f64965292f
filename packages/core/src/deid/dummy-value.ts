/** A non-empty value that is valid for `vr` and says nothing about anyone: the "D" action. */
export function dummyValue(vr: string): unknown[] {
  switch (vr) {
    case 'PN':
      return [{ Alphabetic: 'ANONYMOUS' }];
    case 'DA':
      return ['19000101'];
    case 'TM':
      return ['000000'];
    case 'DT':
      return ['19000101000000'];
    case 'AS':
      return ['000Y'];
    case 'IS':
    case 'DS':
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'UV':
    case 'SV':
      return [0];
    case 'OB':
    case 'OW':
    case 'OD':
    case 'OF':
    case 'OL':
    case 'OV':
    case 'UN':
      return [new ArrayBuffer(2)];
    case 'CS':
    case 'AE':
      return ['ANONYMOUS'];
    default:
      return ['ANONYMIZED'];
  }
}
