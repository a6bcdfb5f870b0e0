// The page BrowserIT serves from another origin: the AWS SDK for JavaScript v3, bundled for the browser by esbuild,
// calling openahi across origins. window.runAhi resolves to what each call returned, or rejects with the failure.
import {
  GetImageFrameCommand, GetImageSetMetadataCommand, ListDatastoresCommand, MedicalImagingClient, SearchImageSetsCommand,
} from "@aws-sdk/client-medical-imaging";

async function gunzipIfNeeded(bytes) {
  // The browser already undid Content-Encoding: gzip; a body still gzipped is undone here.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

window.runAhi = async ({ endpoint, region, accessKeyId, secretAccessKey, datastoreId }) => {
  const client = new MedicalImagingClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey },
    disableHostPrefix: true, maxAttempts: 1 });
  const datastores = await client.send(new ListDatastoresCommand({}));
  const search = await client.send(new SearchImageSetsCommand({ datastoreId,
    searchCriteria: { filters: [{ operator: "EQUAL", values: [{ isPrimary: true }] }] } }));
  const imageSetId = search.imageSetsMetadataSummaries[0].imageSetId;
  const metadata = await client.send(new GetImageSetMetadataCommand({ datastoreId, imageSetId }));
  const document = JSON.parse(new TextDecoder().decode(await gunzipIfNeeded(
    await metadata.imageSetMetadataBlob.transformToByteArray())));
  const series = Object.values(document.Study.Series)[0];
  const frameId = Object.values(series.Instances)[0].ImageFrames[0].ID;
  const frame = await client.send(new GetImageFrameCommand({ datastoreId, imageSetId,
    imageFrameInformation: { imageFrameId: frameId } }));
  const frameBytes = await frame.imageFrameBlob.transformToByteArray();
  return {
    datastoreIds: datastores.datastoreSummaries.map((d) => d.datastoreId),
    imageSets: search.imageSetsMetadataSummaries.length,
    imageSetId,
    studyInstanceUid: document.Study.DICOM.StudyInstanceUID,
    frameContentType: frame.contentType,
    frameBytes: frameBytes.length,
    frameHead: Array.from(frameBytes.slice(0, 4)),
  };
};
