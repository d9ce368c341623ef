package org.pleura.server.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pleura.server.http.Formats;
import org.pleura.server.store.Rows;
import org.pleura.server.worklist.TriageLevel;

/** The JSON shapes of the REST API's resources, shared by the resources that show them. */
final class Views {

    private Views() {
    }

    static Map<String, Object> study(Rows.Study s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyInstanceUid", s.studyUid());
        m.put("patientId", s.patientId());
        m.put("patientName", s.patientName());
        m.put("patientBirthDate", s.birthDate());
        m.put("patientSex", s.sex());
        m.put("studyDate", s.studyDate());
        m.put("studyTime", s.studyTime());
        m.put("accessionNumber", s.accessionNumber());
        m.put("studyDescription", s.description());
        m.put("modalities", s.modalities());
        m.put("series", s.seriesCount());
        m.put("instances", s.instanceCount());
        m.put("receivedAt", Formats.time(s.receivedAt()));
        m.put("triage", TriageLevel.ofRank(s.triageLevel()).jsonName());
        m.put("links", Map.of("self", "/api/studies/" + s.studyUid(), "dicomweb", "/dicomweb/studies/" + s.studyUid()));
        return m;
    }

    static Map<String, Object> series(Rows.Series se) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesInstanceUid", se.seriesUid());
        m.put("studyInstanceUid", se.studyUid());
        m.put("modality", se.modality());
        m.put("seriesNumber", se.seriesNumber());
        m.put("seriesDescription", se.description());
        m.put("bodyPartExamined", se.bodyPart());
        m.put("instanceCount", se.instanceCount());
        return m;
    }

    static Map<String, String> instanceLinks(String uid) {
        Map<String, String> m = new LinkedHashMap<>();
        String base = "/api/instances/" + uid;
        m.put("self", base);
        m.put("file", base + "/file");
        m.put("analysis", base + "/analysis");
        m.put("overlay", base + "/overlay.png");
        m.put("sr", base + "/sr.dcm");
        m.put("sc", base + "/sc.dcm");
        return m;
    }

    static Map<String, Object> job(Rows.Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.pk());
        m.put("kind", j.kind());
        m.put("sopInstanceUid", j.sopUid());
        if (!j.destination().isEmpty()) {
            m.put("destination", j.destination());
        }
        m.put("state", j.state());
        m.put("attempts", j.attempts());
        if (j.state().equals("queued")) {
            m.put("nextAttemptAt", Formats.time(j.nextAttemptAt()));
        }
        m.put("createdAt", Formats.time(j.createdAt()));
        if (j.finishedAt() != null) {
            m.put("finishedAt", Formats.time(j.finishedAt()));
        }
        if (j.lastError() != null) {
            m.put("lastError", j.lastError());
        }
        return m;
    }
}
