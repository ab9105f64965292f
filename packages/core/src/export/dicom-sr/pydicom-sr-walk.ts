/**
 * A small pydicom script (run at test time by /usr/bin/python3) that walks an SR's ContentSequence and
 * prints, as JSON, every NUM (concept, value, unit), SCOORD (graphic type, data, referenced instance and
 * frame) and SCOORD3D (graphic type, data, frame of reference) with the concept of its parent group's
 * Tracking Identifier: an independent reading of what writeMeasurementReport wrote.
 */
export const PYDICOM_SR_WALK = `
import json, sys
import pydicom
ds = pydicom.dcmread(sys.argv[1])
out = {"sopClass": str(ds.SOPClassUID), "transferSyntax": str(ds.file_meta.TransferSyntaxUID),
       "title": ds.ConceptNameCodeSequence[0].CodeMeaning, "items": []}
def name(item):
    seq = item.get("ConceptNameCodeSequence")
    return seq[0].CodeMeaning if seq else None
def walk(items, tracking, parent):
    for item in items:
        vt = item.ValueType
        if vt == "CONTAINER":
            ident = [c.TextValue for c in item.get("ContentSequence", []) if name(c) == "Tracking Identifier"]
            walk(item.get("ContentSequence", []), ident[0] if ident else tracking, name(item))
            continue
        entry = {"tracking": tracking, "valueType": vt, "name": name(item), "relationship": item.RelationshipType}
        if vt == "NUM":
            mv = item.MeasuredValueSequence[0]
            entry["value"] = float(mv.NumericValue)
            entry["unit"] = mv.MeasurementUnitsCodeSequence[0].CodeValue
        elif vt == "SCOORD":
            entry["graphicType"] = item.GraphicType
            entry["data"] = [float(v) for v in item.GraphicData]
            ref = item.ContentSequence[0].ReferencedSOPSequence[0]
            entry["image"] = str(ref.ReferencedSOPInstanceUID)
            entry["frame"] = int(ref.ReferencedFrameNumber) if "ReferencedFrameNumber" in ref else None
        elif vt == "SCOORD3D":
            entry["graphicType"] = item.GraphicType
            entry["data"] = [float(v) for v in item.GraphicData]
            entry["frameOfReference"] = str(item.ReferencedFrameOfReferenceUID)
        elif vt == "CODE":
            entry["code"] = item.ConceptCodeSequence[0].CodeMeaning
        elif vt == "TEXT":
            entry["text"] = item.TextValue
        if vt in ("NUM", "SCOORD", "SCOORD3D", "CODE", "TEXT"):
            out["items"].append(entry)
        walk(item.get("ContentSequence", []), tracking, parent)
walk(ds.ContentSequence, None, None)
print(json.dumps(out))
`;

export interface PydicomSrItem {
  tracking: string | null;
  valueType: string;
  name: string | null;
  relationship: string;
  value?: number;
  unit?: string;
  graphicType?: string;
  data?: number[];
  image?: string;
  frame?: number | null;
  frameOfReference?: string;
  code?: string;
  text?: string;
}

export interface PydicomSrWalk {
  sopClass: string;
  transferSyntax: string;
  title: string;
  items: PydicomSrItem[];
}
