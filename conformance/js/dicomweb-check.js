// dicomweb-check.js DATASTORE_URL TOKEN OUT_DIR FILE...: STOW-RS the files through dicomweb-client, then every
// retrieval it offers; writes what it retrieved (Part 10 instances, frames) under OUT_DIR for the caller to compare
// with the originals. Prints one line per check; exits 1 on any failure.
'use strict';
global.XMLHttpRequest = require('xhr2');
const fs = require('fs');
const path = require('path');
const { api } = require('dicomweb-client');

const [url, token, out, ...files] = process.argv.slice(2);
const client = new api.DICOMwebClient({ url, headers: { Authorization: `Bearer ${token}` } });
let failures = 0;
const check = (ok, what, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ' ' + detail : ''}`);
  if (!ok) failures++;
};
const first = (attrs, tag) => (attrs[tag] && attrs[tag].Value ? attrs[tag].Value[0] : undefined);
const ELE = '1.2.840.10008.1.2.1';

async function expectStatus(what, promise, status) {
  try {
    await promise;
    check(false, what, 'answered');
  } catch (e) {
    check(e.status === status, what, `${e.status} ${String(e.message || e).slice(0, 120)}`);
  }
}

async function main() {
  const datasets = files.map((f) => { const b = fs.readFileSync(f); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); });
  const stored = await client.storeInstances({ datasets });
  const response = typeof stored === 'string' ? JSON.parse(stored)
    : stored instanceof ArrayBuffer ? JSON.parse(Buffer.from(stored).toString()) : stored;
  const refs = response['00081199'];
  check(refs && refs.Value.length === files.length, 'storeInstances', `${refs ? refs.Value.length : 0} of ${files.length}`);

  const studies = await client.searchForStudies({ queryParams: { includefield: 'all' } });
  check(studies.length >= 1, 'searchForStudies', `${studies.length}`);
  for (const study of studies) {
    const studyInstanceUID = first(study, '0020000D');
    const instances = await client.searchForInstances({ studyInstanceUID, queryParams: { includefield: '00280008' } });
    check(instances.length === Number(first(study, '00201208')), `searchForInstances ${studyInstanceUID.slice(-10)}`,
      `${instances.length} instances, NumberOfStudyRelatedInstances ${first(study, '00201208')}`);
    const studyMeta = await client.retrieveStudyMetadata({ studyInstanceUID });
    check(studyMeta.length === instances.length, 'retrieveStudyMetadata', `${studyMeta.length}`);
    const whole = await client.retrieveStudy({ studyInstanceUID });
    check(whole.length === instances.length, 'retrieveStudy', `${whole.length} Part 10 instances`);
    for (const instance of instances) {
      const seriesInstanceUID = first(instance, '0020000E');
      const sopInstanceUID = first(instance, '00080018');
      const ids = { studyInstanceUID, seriesInstanceUID, sopInstanceUID };
      const [meta] = await client.retrieveInstanceMetadata(ids);
      check(first(meta, '00080018') === sopInstanceUID, `retrieveInstanceMetadata ${sopInstanceUID.slice(-12)}`);
      // Without media types dicomweb-client asks for application/dicom, whose default syntax is Explicit VR LE
      // (PS3.18 Table 8.7.3-2); its mediaTypes option cannot name application/dicom (0.11.3 compares 'application/').
      const bytes = Buffer.from(await client.retrieveInstance(ids));
      check(bytes.subarray(128, 132).toString() === 'DICM' && bytes.includes(Buffer.from(ELE + '\0')),
        'retrieveInstance (Explicit VR LE)', `${bytes.length} bytes`);
      fs.writeFileSync(path.join(out, `${sopInstanceUID}.dcm`), bytes);
      // openahi leaves Pixel Data out of the metadata (docs/dicomweb.md); frames are read by /frames.
      if (!meta['00280010']) continue;
      const frames = Number(first(meta, '00280008') || 1);
      const numbers = frames > 1 ? [1, frames] : [1];
      const got = await client.retrieveInstanceFrames({ ...ids, frameNumbers: numbers,
        mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: ELE }] });
      check(got.length === numbers.length, `retrieveInstanceFrames ${numbers}`, got.map((f) => f.byteLength).join(','));
      got.forEach((f, i) => fs.writeFileSync(path.join(out, `${sopInstanceUID}.frame${numbers[i]}`), Buffer.from(f)));
      const any = await client.retrieveInstanceFrames({ ...ids, frameNumbers: [1],
        mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: '*' }, { mediaType: 'image/jphc' },
          { mediaType: 'image/jpeg' }, { mediaType: 'image/jls' }, { mediaType: 'image/jp2' }] });
      check(any.length === 1 && any[0].byteLength > 0, 'retrieveInstanceFrames (any syntax)', `${any[0].byteLength} bytes`);
      for (const [tag, element] of Object.entries(meta).filter(([, e]) => e.BulkDataURI)) {
        const parts = await client.retrieveBulkData({ BulkDataURI: element.BulkDataURI });
        check(parts.length >= 1 && parts[0].byteLength > 0, `retrieveBulkData ${tag}`,
          `${parts.length} part(s), ${parts.map((p) => p.byteLength).join(',')} bytes`);
        fs.writeFileSync(path.join(out, `${sopInstanceUID}.${tag}.bulk`), Buffer.from(parts[0]));
      }
      const one = (r) => Buffer.from(Array.isArray(r) ? r[0] : r); // 0.11.3 answers images as [ArrayBuffer]
      try {
        const rendered = one(await client.retrieveInstanceRendered({ ...ids, mediaTypes: [{ mediaType: 'image/png' }] }));
        check(rendered.subarray(1, 4).toString() === 'PNG', 'retrieveInstanceRendered (PNG)', `${rendered.length} bytes`);
        fs.writeFileSync(path.join(out, `${sopInstanceUID}.png`), rendered);
        const renderedFrame = one(await client.retrieveInstanceFramesRendered({ ...ids, frameNumbers: [1],
          mediaTypes: [{ mediaType: 'image/jpeg' }] }));
        check(renderedFrame[0] === 0xff && renderedFrame[1] === 0xd8, 'retrieveInstanceFramesRendered (JPEG)',
          `${renderedFrame.length} bytes`);
      } catch (e) {
        check(false, 'rendered', `${e.status} ${Buffer.from(e.response || '').toString().slice(0, 200)}`);
      }
    }
  }
  const unknown = '1.2.826.0.1.3680043.9.7777.404';
  await expectStatus('retrieveStudyMetadata unknown study', client.retrieveStudyMetadata({ studyInstanceUID: unknown }), 404);
  await expectStatus('retrieveInstance unknown instance', client.retrieveInstance({ studyInstanceUID: unknown,
    seriesInstanceUID: unknown, sopInstanceUID: unknown }), 404);
  const anonymous = new api.DICOMwebClient({ url, headers: { Authorization: 'Bearer wrong-token' } });
  await expectStatus('searchForStudies with a wrong token', anonymous.searchForStudies(), 401);
  console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
