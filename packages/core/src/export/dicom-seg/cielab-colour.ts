/**
 * '#rrggbb' (sRGB) as a Recommended Display CIELab Value (0062,000D): L* a* b* with the D65 white point,
 * scaled to 0..65535 as PS3.3 C.10.7.1.1 says (L* 0..100, a* and b* −128..127 offset by 128). D65 is
 * what dcmjs, DCMTK (IODCIELabUtil) and 3D Slicer use, so a colour written here reads back the same there.
 */
export function hexColourToDicomLab(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) throw new TypeError(`a segment colour must be '#rrggbb', not '${colour}'`);
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((hex) =>
    linear(Number.parseInt(hex, 16) / 255),
  ) as [number, number, number];
  // sRGB (IEC 61966-2-1) primaries to XYZ, relative to the D65 white.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / D65[0];
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / D65[1];
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / D65[2];
  const [fx, fy, fz] = [labF(x), labF(y), labF(z)];
  const lab = [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)] as const;
  return [
    Math.round((clamp(lab[0], 0, 100) * 65535) / 100),
    Math.round(((clamp(lab[1], -128, 127) + 128) * 65535) / 255),
    Math.round(((clamp(lab[2], -128, 127) + 128) * 65535) / 255),
  ];
}

const D65 = [0.95047, 1, 1.08883] as const;

function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  const delta = 6 / 29;
  return t > delta ** 3 ? Math.cbrt(t) : t / (3 * delta * delta) + 4 / 29;
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, v));
}
