import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseDicom } from '@voxelhub/core';
import { dicomJsonWithDcmjs } from './dicom-json-dcmjs.js';
it('x', () => {
  const bytes = new Uint8Array(readFileSync('/work/shared/testdata/pydicom/CT_small.dcm'));
  const p = parseDicom(bytes);
  const px = p.dataSet.elements.x7fe00010!;
  const a = dicomJsonWithDcmjs(bytes.subarray(0, px.dataOffset));
  const b = dicomJsonWithDcmjs(bytes);
  console.log(JSON.stringify(a).slice(-400));
  console.log(JSON.stringify(b).slice(-400));
});
