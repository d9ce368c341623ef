package org.pleura.results;

import java.util.Locale;
import java.util.Optional;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.result.Call;

/**
 * The language of the words Pleura shows: finding names (from the catalogue) and the fixed texts of every
 * artefact. English and French.
 *
 * <pre>{@code
 * Language fr = Language.parse("fr");
 * String banner = fr.notice();          // "Aide au diagnostic par IA, pas un diagnostic"
 * }</pre>
 */
public enum Language {
    /** English. */
    EN("en", "English", "AI aid, not a diagnosis",
            "Pleura is an AI aid to the reader, not a diagnosis: every result must be checked by a qualified "
                    + "reader of the image.",
            "positive", "doubtful", "negative", "not validated for calls", "No finding above threshold", "Refused", "model",
            "Boxes: where the model sees each finding; scores from 0\u00a0to\u00a01"),
    /** French. */
    FR("fr", "French", "Aide au diagnostic par IA, pas un diagnostic",
            "Pleura est une aide au diagnostic par IA, pas un diagnostic : tout résultat doit être vérifié par un "
                    + "lecteur qualifié de l'image.",
            "positif", "douteux", "négatif", "non validé pour les alertes", "Aucune anomalie au-dessus du seuil", "Refusé",
            "modèle",
            "Cadres : où le modèle voit chaque anomalie ; scores de 0\u00a0à\u00a01");

    private final String code;
    private final String englishName;
    private final String notice;
    private final String disclaimer;
    private final String positive;
    private final String doubtful;
    private final String negative;
    private final String notValidated;
    private final String noFinding;
    private final String refused;
    private final String model;
    private final String legend;

    Language(String code, String englishName, String notice, String disclaimer, String positive, String doubtful,
             String negative, String notValidated, String noFinding, String refused, String model, String legend) {
        this.code = code;
        this.englishName = englishName;
        this.notice = notice;
        this.disclaimer = disclaimer;
        this.positive = positive;
        this.doubtful = doubtful;
        this.negative = negative;
        this.notValidated = notValidated;
        this.noFinding = noFinding;
        this.refused = refused;
        this.model = model;
        this.legend = legend;
    }

    /**
     * The language for a code ({@code en} or {@code fr}, any case; {@code en-US} and {@code fr-FR} too).
     *
     * @throws IllegalArgumentException naming the languages available
     */
    public static Language parse(String code) {
        return find(code).orElseThrow(() ->
                new IllegalArgumentException("language '" + code + "' is not available: use en or fr"));
    }

    /** The language with this code or tag (any case, e.g. {@code fr}, {@code FR}, {@code fr-CA}), if offered. */
    public static Optional<Language> find(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (Language l : values()) {
            if (c.equals(l.code) || c.startsWith(l.code + "-") || c.startsWith(l.code + "_")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The ISO 639-1 code, {@code en} or {@code fr} (also the RFC 5646 tag in the SR). */
    public String code() {
        return code;
    }

    /** The language's name in English (the code meaning in the SR). */
    public String englishName() {
        return englishName;
    }

    /** The short notice on every picture: "AI aid, not a diagnosis". */
    public String notice() {
        return notice;
    }

    /** The full sentence in every JSON and report. */
    public String disclaimer() {
        return disclaimer;
    }

    /** A finding's display name from the catalogue. */
    public String name(Finding finding) {
        return finding.name(code);
    }

    /** The word for a call, e.g. "positive" / "positif". */
    public String call(Call call) {
        return switch (call) {
            case POSITIVE -> positive;
            case DOUBTFUL -> doubtful;
            case NEGATIVE -> negative;
            case NOT_VALIDATED -> notValidated;
        };
    }

    /** "No finding above threshold". */
    public String noFinding() {
        return noFinding;
    }

    /** "Refused". */
    public String refused() {
        return refused;
    }

    /** The word "model". */
    public String model() {
        return model;
    }

    /** The legend line of the overlay. */
    public String legend() {
        return legend;
    }
}
