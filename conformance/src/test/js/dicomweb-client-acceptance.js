// Drives openahi's DICOMweb the way a browser viewer does, through dicomweb-client (the library OHIF uses) with a
// bearer token: STOW-RS the given DICOM files, QIDO-RS the study back by PatientID, a StudyDate range and
// ModalitiesInStudy, then WADO-RS every series' metadata and the first frame of each instance uncompressed.
// Writes what it retrieved under the output folder and prints a JSON summary; DicomWebClientIT checks the rest.
// Usage: node dicomweb-client-acceptance.js <datastore URL> <bearer token> <input folder> <output folder>
'use strict';
global.XMLHttpRequest = require('xhr2'); // dicomweb-client speaks XMLHttpRequest, which Node lacks
const fs = require('fs');
const path = require('path');
const { api } = require('dicomweb-client');

const [url, token, inputFolder, outputFolder] = process.argv.slice(2);
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const client = new api.DICOMwebClient({ url, headers: { Authorization: `Bearer ${token}` } });

function filesUnder(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  }).sort();
}

function first(attributes, tag) {
  const element = attributes[tag];
  return element && element.Value ? element.Value[0] : undefined;
}

async function main() {
  const folders = fs.readdirSync(inputFolder).sort().map((name) => path.join(inputFolder, name));
  let stored = 0;
  for (const folder of folders) { // one STOW-RS request per series
    const datasets = filesUnder(folder).map((file) => {
      const bytes = fs.readFileSync(file);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    });
    const response = await client.storeInstances({ datasets });
    stored += datasets.length;
    if (response === undefined) {
      throw new Error(`STOW-RS of ${folder} answered nothing`);
    }
  }
  const patientId = process.env.PATIENT_ID;
  const studies = await client.searchForStudies({
    queryParams: { PatientID: patientId, StudyDate: process.env.STUDY_DATE_RANGE, ModalitiesInStudy: 'MR' },
  });
  const missed = await client.searchForStudies({ queryParams: { PatientID: patientId, ModalitiesInStudy: 'CT' } });
  if (studies.length !== 1 || missed.length !== 0) {
    throw new Error(`QIDO-RS found ${studies.length} MR studies and ${missed.length} CT studies`);
  }
  const studyInstanceUID = first(studies[0], '0020000D');
  const series = await client.searchForSeries({ studyInstanceUID });
  let frames = 0;
  let instances = 0;
  for (const oneSeries of series) {
    const seriesInstanceUID = first(oneSeries, '0020000E');
    const metadata = await client.retrieveSeriesMetadata({ studyInstanceUID, seriesInstanceUID });
    fs.writeFileSync(path.join(outputFolder, `${seriesInstanceUID}.json`), JSON.stringify(metadata));
    for (const instance of metadata) {
      const sopInstanceUID = first(instance, '00080018');
      const [frame] = await client.retrieveInstanceFrames({
        studyInstanceUID, seriesInstanceUID, sopInstanceUID, frameNumbers: [1],
        mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN }],
      });
      fs.writeFileSync(path.join(outputFolder, `${sopInstanceUID}.frame1`), Buffer.from(frame));
      frames++;
      instances++;
    }
  }
  console.log(JSON.stringify({ stored, studies: studies.length, studyInstanceUID, series: series.length, instances,
    frames, numberOfStudyRelatedInstances: first(studies[0], '00201208') }));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
