import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';

/**
 * A coded concept as DICOM SR writes it (Code Value, Coding Scheme Designator, Code Meaning), so a
 * measurement can become a TID 300 item without guessing: `SCT` for SNOMED CT concepts, `UCUM` for units.
 */
export const codedConceptSchema = z.strictObject({
  value: z.string().min(1).max(64),
  scheme: z.string().min(1).max(16),
  meaning: z.string().min(1).max(ANNOTATION_LIMITS.maxNameLength),
});

export type CodedConcept = z.infer<typeof codedConceptSchema>;

function code(scheme: string, value: string, meaning: string): CodedConcept {
  return Object.freeze({ value, scheme, meaning });
}

/** SNOMED CT concepts for the measurements Voxelhub stores (the codes dcmjs's TID300 classes use). */
export const SCT = {
  length: code('SCT', '410668003', 'Length'),
  angle: code('SCT', '1483009', 'Angle'),
  area: code('SCT', '42798000', 'Area'),
  mean: code('SCT', '373098007', 'Mean'),
  standardDeviation: code('SCT', '386136009', 'Standard Deviation'),
  minimum: code('SCT', '255605001', 'Minimum'),
  maximum: code('SCT', '56851009', 'Maximum'),
} as const;

/** UCUM units (the code values dcmjs's unit2CodingValue writes). */
export const UCUM = {
  millimetre: code('UCUM', 'mm', 'mm'),
  squareMillimetre: code('UCUM', 'mm2', 'mm2'),
  degree: code('UCUM', 'deg', 'degree'),
  hounsfieldUnit: code('UCUM', "[hnsf'U]", 'Hounsfield unit'),
  noUnit: code('UCUM', '1', 'no units'),
} as const;

/** A schema for a unit fixed by the measurement kind: length is always mm, angles always degrees. */
export function fixedUnitSchema(unit: CodedConcept) {
  return codedConceptSchema.refine((c) => c.scheme === unit.scheme && c.value === unit.value, {
    message: `unit must be ${unit.scheme} "${unit.value}"`,
  });
}
