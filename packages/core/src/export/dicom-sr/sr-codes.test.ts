import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { IMAGING_PROCEDURE, SR_CODES } from './sr-codes.js';

/**
 * pydicom's code dictionary (pydicom.sr.codedict) is generated from the PS3.16 tables, so it is an
 * independent check of each code value and meaning we write, looked up by pydicom's keyword.
 */
const LOOKUP = `
import json, sys
from pydicom.sr.codedict import codes
out = {}
for scheme, keyword in json.loads(sys.argv[1]):
    c = getattr(getattr(codes, scheme), keyword)
    out[keyword] = [c.value, c.scheme_designator, c.meaning]
print(json.dumps(out))
`;

const KEYWORDS: Record<string, [string, string]> = {
  imagingMeasurementReport: ['DCM', 'ImagingMeasurementReport'],
  language: ['DCM', 'LanguageOfContentItemAndDescendants'],
  countryOfLanguage: ['DCM', 'CountryOfLanguage'],
  observerType: ['DCM', 'ObserverType'],
  person: ['DCM', 'Person'],
  device: ['DCM', 'Device'],
  personObserverName: ['DCM', 'PersonObserverName'],
  deviceObserverUid: ['DCM', 'DeviceObserverUID'],
  deviceObserverName: ['DCM', 'DeviceObserverName'],
  procedureReported: ['DCM', 'ProcedureReported'],
  imageLibrary: ['DCM', 'ImageLibrary'],
  imageLibraryGroup: ['DCM', 'ImageLibraryGroup'],
  imagingMeasurements: ['DCM', 'ImagingMeasurements'],
  measurementGroup: ['DCM', 'MeasurementGroup'],
  trackingIdentifier: ['DCM', 'TrackingIdentifier'],
  trackingUniqueIdentifier: ['DCM', 'TrackingUniqueIdentifier'],
  finding: ['DCM', 'Finding'],
  imageRegion: ['DCM', 'ImageRegion'],
};

describe('SR_CODES', () => {
  it('match PS3.16 as pydicom.sr.codedict has them', () => {
    const query = [...Object.values(KEYWORDS), ['SCT', 'ImagingProcedure']];
    const found: Record<string, string[]> = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', LOOKUP, JSON.stringify(query)]).toString(),
    );
    expect(Object.keys(KEYWORDS).sort()).toEqual(Object.keys(SR_CODES).sort());
    for (const [name, [, keyword]] of Object.entries(KEYWORDS)) {
      const c = SR_CODES[name as keyof typeof SR_CODES];
      expect([c.codeValue, c.codingSchemeDesignator, c.codeMeaning], name).toEqual(found[keyword]);
    }
    const p = IMAGING_PROCEDURE;
    expect([p.codeValue, p.codingSchemeDesignator, p.codeMeaning]).toEqual(found.ImagingProcedure);
  });
});
