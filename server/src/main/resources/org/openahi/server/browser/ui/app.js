// openahi's history view: data stores, image sets, an image set's versions side by side, who made each change,
// revert and copy, frames with window/level. Everything comes through the AHI API, DICOMweb's rendered frames
// and openahi's history extension, authenticated by the sign-in session (docs/browser.md).
import { diffDocuments } from "./diff.js";

const session = JSON.parse(sessionStorage.getItem("openahi.session") || "null");
const main = document.getElementById("main");
if (!session) location.assign("signin.html?next=" + encodeURIComponent("/ui/" + location.hash));
document.getElementById("who").textContent = session ? "Signed in as " + session.principalArn : "";
document.getElementById("signout").addEventListener("click", async () => {
  await fetch("/_openahi/session", { method: "DELETE", headers: auth() });
  sessionStorage.removeItem("openahi.session");
  location.assign("signin.html");
});

function auth() {
  return { Authorization: "Bearer " + session.token };
}

async function api(method, path, body) {
  const response = await fetch(path, { method, headers: { ...auth(), "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (response.status === 403 && json.__type === undefined && /ExpiredToken/.test(response.headers.get("x-amzn-ErrorType") || "")) {
    sessionStorage.removeItem("openahi.session");
    location.assign("signin.html?next=" + encodeURIComponent("/ui/" + location.hash));
  }
  if (!response.ok) throw new Error((json.message || json.Message || response.statusText) + " (" + response.status + ")");
  return json;
}

const h = (tag, attributes = {}, ...children) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value);
  }
  for (const child of children.flat()) element.append(child instanceof Node ? child : String(child ?? ""));
  return element;
};
const when = (seconds) => seconds ? new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "";
const show = (...nodes) => main.replaceChildren(...nodes);
// ListImageSetVersions spells it ImageSetWorkflowStatus (AHI's model), GetImageSet imageSetWorkflowStatus.
const workflow = (v) => v.ImageSetWorkflowStatus ?? v.imageSetWorkflowStatus;
const value = (v) => v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);

async function datastores() {
  const { datastoreSummaries } = await api("GET", "/datastore");
  show(h("h1", {}, "Data stores"), h("table", { id: "datastores" },
    h("tr", {}, h("th", {}, "Name"), h("th", {}, "Id"), h("th", {}, "Status"), h("th", {}, "Created")),
    datastoreSummaries.map((d) => h("tr", {}, h("td", {}, h("a", { href: `#/datastore/${d.datastoreId}` }, d.datastoreName)),
      h("td", {}, h("code", {}, d.datastoreId)), h("td", {}, d.datastoreStatus), h("td", {}, when(d.createdAt))))));
}

async function datastore(id) {
  const [{ imageSetsMetadataSummaries }, { jobSummaries }] = await Promise.all([
    api("POST", `/datastore/${id}/searchImageSets`, {}), api("GET", `/listDICOMImportJobs/datastore/${id}`)]);
  const jobs = h("table", { id: "jobs" }, h("tr", {}, h("th", {}, "Import job"), h("th", {}, "Status"), h("th", {}, "Progress")));
  for (const job of jobSummaries) {
    const bar = h("progress", { max: 1, value: job.jobStatus === "COMPLETED" ? 1 : 0 });
    const note = h("span", { class: "muted" });
    jobs.append(h("tr", { "data-job": job.jobId }, h("td", {}, job.jobName || h("code", {}, job.jobId)),
      h("td", { class: "status" }, job.jobStatus), h("td", {}, bar, " ", note)));
    followJob(id, job.jobId, bar, note);
  }
  show(h("p", {}, h("a", { href: "#/" }, "Data stores"), " / ", h("code", {}, id)),
    h("h1", {}, "Image sets"),
    h("table", { id: "imagesets" }, h("tr", {}, h("th", {}, "Image set"), h("th", {}, "Patient"), h("th", {}, "Study"),
      h("th", {}, "Version"), h("th", {}, "Primary"), h("th", {}, "Updated")),
    imageSetsMetadataSummaries.map((s) => h("tr", {},
      h("td", {}, h("a", { href: `#/datastore/${id}/imageSet/${s.imageSetId}` }, h("code", {}, s.imageSetId))),
      h("td", {}, s.DICOMTags?.DICOMPatientName || ""), h("td", {}, s.DICOMTags?.DICOMStudyDescription || ""),
      h("td", {}, s.version), h("td", {}, s.isPrimary ? "yes" : "no"), h("td", {}, when(s.updatedAt))))),
    h("h2", {}, "Import jobs"), jobs);
}

/** Polls an import job until it ends, its progress from GetDICOMImportJob's message ("n of m files processed"). */
async function followJob(datastoreId, jobId, bar, note) {
  while (document.body.contains(bar) || !bar.isConnected) {
    const { jobProperties: job } = await api("GET", `/getDICOMImportJob/datastore/${datastoreId}/job/${jobId}`);
    const match = /(\d+) of (\d+) files processed/.exec(job.message || "");
    if (match) { bar.max = Number(match[2]) || 1; bar.value = Number(match[1]); }
    if (job.jobStatus === "COMPLETED") bar.value = bar.max;
    note.textContent = job.message || job.jobStatus;
    bar.closest("tr")?.querySelector(".status")?.replaceChildren(job.jobStatus);
    if (!["SUBMITTED", "IN_PROGRESS"].includes(job.jobStatus)) return;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    if (!bar.isConnected) return;
  }
}

async function metadata(ds, id, version) {
  const response = await fetch(`/datastore/${ds}/imageSet/${id}/getImageSetMetadata?version=${version}`,
    { method: "POST", headers: auth() });
  if (!response.ok) throw new Error("GetImageSetMetadata version " + version + ": " + response.status);
  return response.json();
}

async function allVersions(ds, id) {
  const versions = [];
  let nextToken;
  do {
    const page = await api("POST", `/datastore/${ds}/imageSet/${id}/listImageSetVersions`
      + (nextToken ? "?nextToken=" + encodeURIComponent(nextToken) : ""), {});
    versions.push(...page.imageSetPropertiesList);
    nextToken = page.nextToken;
  } while (nextToken);
  return versions.sort((a, b) => Number(a.versionId) - Number(b.versionId));
}

async function imageSet(ds, id) {
  const [set, versions, history] = await Promise.all([api("POST", `/datastore/${ds}/imageSet/${id}/getImageSet`, {}),
    allVersions(ds, id), api("GET", `/_openahi/history/datastore/${ds}/imageSet/${id}`)]);
  const authors = Object.fromEntries(history.versions.map((v) => [v.versionId, v]));
  const latest = set.versionId;
  const complete = versions.filter((v) => workflow(v) !== "DELETED");
  const pickA = h("select", { id: "versionA" }, complete.map((v) => h("option", { value: v.versionId }, "Version " + v.versionId)));
  const pickB = h("select", { id: "versionB" }, complete.map((v) => h("option", { value: v.versionId }, "Version " + v.versionId)));
  pickA.value = complete.length > 1 ? complete[complete.length - 2].versionId : latest;
  pickB.value = latest;
  const diffArea = h("div", { id: "diff" });
  const compare = async () => {
    diffArea.replaceChildren(h("p", { class: "muted" }, "Comparing…"));
    const [a, b] = await Promise.all([metadata(ds, id, pickA.value), metadata(ds, id, pickB.value)]);
    const rows = diffDocuments(a, b);
    const authorB = authors[pickB.value];
    diffArea.replaceChildren(
      h("p", { id: "diff-author" }, `Version ${pickB.value} `, authorB
        ? [`was made by `, h("strong", { class: "principal" }, authorB.principalArn), ` (${authorB.action}, request `, h("code", {}, authorB.requestId), ")"]
        : "has no recorded author (made by an import)"),
      rows.length === 0 ? h("p", { class: "muted" }, "The two versions' metadata are identical.")
        : h("table", { class: "diff" }, h("tr", {}, h("th", {}, "Level"), h("th", {}, "Attribute"), h("th", {}, "Change"),
          h("th", {}, "Version " + pickA.value), h("th", {}, "Version " + pickB.value)),
        rows.map((r) => h("tr", { class: r.change, "data-attribute": r.attribute },
          h("td", { class: "level" }, r.level), h("td", {}, r.attribute), h("td", {}, r.change),
          h("td", { class: "before" }, value(r.before)), h("td", { class: "after" }, value(r.after))))));
  };
  pickA.addEventListener("change", compare);
  pickB.addEventListener("change", compare);

  const timeline = h("ol", { class: "timeline", id: "versions" }, versions.slice().reverse().map((v) => {
    const who = authors[v.versionId];
    return h("li", { "data-version": v.versionId, class: v.versionId === latest ? "current" : "" },
      h("strong", {}, "Version " + v.versionId), " · ", when(v.createdAt && v.updatedAt ? v.updatedAt : v.createdAt), " · ",
      `${v.imageSetState} / ${workflow(v)}`, h("br"),
      h("span", { class: "who" }, who ? [who.action, " by ", h("strong", {}, who.principalArn), " · request ", h("code", {}, who.requestId)]
        : h("span", { class: "muted" }, v.versionId === "1" ? "created by an import" : "author not recorded")),
      v.message ? h("div", { class: "muted" }, v.message) : "",
      v.versionId !== latest && workflow(v) !== "DELETED"
        ? h("div", {}, h("button", { class: "secondary", "data-revert": v.versionId, onclick: () => revert(ds, id, latest, v.versionId) },
          "Revert to version " + v.versionId)) : "");
  }));

  const document_ = await metadata(ds, id, latest);
  show(h("p", {}, h("a", { href: "#/" }, "Data stores"), " / ", h("a", { href: `#/datastore/${ds}` }, h("code", {}, ds)), " / ",
    h("code", {}, id)),
  h("h1", {}, "Image set ", h("code", {}, id)),
  h("p", {}, `${set.imageSetState} / ${set.imageSetWorkflowStatus} · latest version ${latest} · `,
    `${document_.Patient?.DICOM?.PatientName || ""} · ${document_.Study?.DICOM?.StudyDescription || ""} `,
    h("button", { class: "secondary", id: "copy", onclick: () => copy(ds, id, latest) }, "Copy to a new image set")),
  h("div", { class: "grid" },
    h("section", {}, h("h2", {}, "Versions"), timeline),
    h("section", {}, h("h2", {}, "Compare"), h("p", { class: "controls" }, pickA, " → ", pickB), diffArea,
      h("h2", {}, "Frames (latest version)"), frames(ds, id, document_))));
  await compare();
}

async function revert(ds, id, latest, version) {
  if (!confirm(`Revert image set ${id} to version ${version}? This makes a new version with version ${version}'s metadata.`)) return;
  await api("POST", `/datastore/${ds}/imageSet/${id}/updateImageSetMetadata?latestVersion=${latest}`, { revertToVersionId: version });
  await untilUnlocked(ds, id);
  route();
}

async function copy(ds, id, latest) {
  if (!confirm(`Copy image set ${id} (version ${latest}) to a new image set?`)) return;
  const result = await api("POST", `/datastore/${ds}/imageSet/${id}/copyImageSet`,
    { copyImageSetInformation: { sourceImageSet: { latestVersionId: latest } } });
  const copyId = result.destinationImageSetProperties.imageSetId;
  await untilUnlocked(ds, copyId);
  location.hash = `#/datastore/${ds}/imageSet/${copyId}`;
}

async function untilUnlocked(ds, id) {
  for (let i = 0; i < 300; i++) {
    const set = await api("POST", `/datastore/${ds}/imageSet/${id}/getImageSet`, {});
    if (set.imageSetState !== "LOCKED") return set;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("Image set " + id + " stayed LOCKED");
}

/** The image set's instances, scrolled with a slider or the wheel, drawn by DICOMweb's rendered frames. */
function frames(ds, id, doc) {
  const study = doc.Study?.DICOM?.StudyInstanceUID;
  const images = [];
  for (const [seriesUid, series] of Object.entries(doc.Study?.Series || {})) {
    const instances = Object.entries(series.Instances || {}).filter(([, i]) => (i.ImageFrames || []).length > 0)
      .sort(([, a], [, b]) => (Number(a.DICOM?.InstanceNumber) || 0) - (Number(b.DICOM?.InstanceNumber) || 0));
    for (const [sop, instance] of instances) {
      for (let n = 1; n <= instance.ImageFrames.length; n++) images.push({ seriesUid, sop, n, dicom: instance.DICOM || {} });
    }
  }
  if (images.length === 0) return h("p", { class: "muted" }, "No frames.");
  const first = images[0].dicom;
  const center = h("input", { type: "number", id: "window-center", value: parseFloat(String(first.WindowCenter ?? "40").split("\\")[0]) || 40 });
  const width = h("input", { type: "number", id: "window-width", min: 1, value: parseFloat(String(first.WindowWidth ?? "400").split("\\")[0]) || 400 });
  const slider = h("input", { type: "range", id: "frame", min: 0, max: images.length - 1, value: Math.floor(images.length / 2) });
  const label = h("span", { class: "muted" });
  const img = h("img", { id: "frame-image", alt: "frame" });
  const draw = () => {
    const image = images[Number(slider.value)];
    label.textContent = `image ${Number(slider.value) + 1} of ${images.length} · instance ${image.dicom.InstanceNumber ?? ""} frame ${image.n}`;
    img.src = `/datastore/${ds}/studies/${study}/series/${image.seriesUid}/instances/${image.sop}/frames/${image.n}/rendered`
      + `?imageSetId=${id}&window=${encodeURIComponent(center.value + "," + Math.max(1, width.value))}&accept=image/png`;
  };
  for (const input of [center, width, slider]) input.addEventListener("input", draw);
  img.addEventListener("wheel", (event) => {
    event.preventDefault();
    slider.value = Math.min(images.length - 1, Math.max(0, Number(slider.value) + Math.sign(event.deltaY)));
    draw();
  });
  draw();
  return h("div", {}, h("p", { class: "controls" }, h("label", {}, "Window center ", center), h("label", {}, "width ", width)),
    h("div", { class: "viewer" }, img), h("p", {}, slider, " ", label));
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  try {
    if (parts[0] === "datastore" && parts[2] === "imageSet") await imageSet(parts[1], parts[3]);
    else if (parts[0] === "datastore") await datastore(parts[1]);
    else await datastores();
  } catch (e) {
    show(h("p", { class: "error" }, e.message));
  }
}
if (session) {
  window.addEventListener("hashchange", route);
  route();
}
