// A structural diff of two GetImageSetMetadata documents: every attribute added, removed or changed, at the
// patient, study, series and instance level (nested sequences compared as whole values).

function attributes(doc) {
  const flat = new Map();
  const put = (level, dicom) => {
    for (const [name, v] of Object.entries(dicom || {})) flat.set(level + "\u0000" + name, { level, attribute: name, value: v });
  };
  put("Patient", doc.Patient?.DICOM);
  put("Study", doc.Study?.DICOM);
  for (const [seriesUid, series] of Object.entries(doc.Study?.Series || {})) {
    put("Series " + seriesUid, series.DICOM);
    for (const [sop, instance] of Object.entries(series.Instances || {})) {
      put("Instance " + sop, instance.DICOM);
    }
  }
  return flat;
}

export function diffDocuments(a, b) {
  const before = attributes(a);
  const after = attributes(b);
  const rows = [];
  for (const [key, entry] of before) {
    if (!after.has(key)) rows.push({ level: entry.level, attribute: entry.attribute, change: "removed", before: entry.value });
    else if (JSON.stringify(entry.value) !== JSON.stringify(after.get(key).value)) {
      rows.push({ level: entry.level, attribute: entry.attribute, change: "changed", before: entry.value, after: after.get(key).value });
    }
  }
  for (const [key, entry] of after) {
    if (!before.has(key)) rows.push({ level: entry.level, attribute: entry.attribute, change: "added", after: entry.value });
  }
  return rows;
}
