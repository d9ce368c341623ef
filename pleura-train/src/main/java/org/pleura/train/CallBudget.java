package org.pleura.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pleura.model.catalogue.Urgency;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.OperatingPoint;
import org.pleura.train.eval.BootstrapCi;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.ConfusionCounts;
import org.pleura.train.eval.Interval;
import org.pleura.train.eval.ScoredLabels;

/**
 * Chooses operating points for the reading room rather than for a validation table. Every call a normal study
 * gets is a false alarm a reader has to dismiss, and eight findings at 90 % specificity each flag more than half of
 * all normal studies; so the thresholds are set from a budget of calls per normal study (validation images labelled
 * {@code no_finding}), shared among the findings in proportion to their urgency (urgent 2, follow-up 1.5, routine
 * 1): a finding's {@code positive} threshold lets through its share of {@link #positivePerNormal()} on normal
 * studies, its {@code doubtful} threshold its share of {@link #anyPerNormal()}. A finding whose validation AUROC has
 * a lower 95 % bound under {@link #minAurocLowerBound()} is not called at all ("not validated for calls") and takes
 * no share. The study-level output gets the whole budgets.
 *
 * <p>With few normal studies a tail quantile is a guess: when a share allows fewer than five normal studies above
 * the threshold, the threshold is also estimated from a normal distribution fitted to the normal studies' logits,
 * and the higher of the two is kept. With fewer than {@link #MIN_NORMALS} normal studies in validation, thresholds
 * fall back to target sensitivity and specificity on the finding's own labels.
 *
 * @param positivePerNormal  positive calls a normal study may get on average (all findings together)
 * @param anyPerNormal       positive or doubtful calls a normal study may get on average
 * @param minAurocLowerBound lower 95 % bound of the validation AUROC a finding needs to be called
 */
public record CallBudget(double positivePerNormal, double anyPerNormal, double minAurocLowerBound) {

    /** Normal validation studies needed for the budget; with fewer, the target rates apply. */
    public static final int MIN_NORMALS = 20;

    public CallBudget {
        if (!(positivePerNormal > 0 && anyPerNormal >= positivePerNormal && anyPerNormal < 10)) {
            throw new IllegalArgumentException("call budgets must satisfy 0 < positive <= any < 10: "
                    + positivePerNormal + ", " + anyPerNormal);
        }
        if (!(minAurocLowerBound >= 0 && minAurocLowerBound < 1)) {
            throw new IllegalArgumentException("minimum AUROC lower bound must be in [0, 1): " + minAurocLowerBound);
        }
    }

    /** 0.10 positive calls and 0.30 calls of any kind per normal study; findings need a lower AUROC bound of 0.60. */
    public static CallBudget readingRoom() {
        return new CallBudget(0.10, 0.30, 0.60);
    }

    /** Relative share of the budget for a finding of this urgency. */
    public static double share(Urgency urgency) {
        return switch (urgency) {
            case URGENT -> 2;
            case FOLLOW_UP -> 1.5;
            case ROUTINE -> 1;
        };
    }

    /**
     * One output's validation data.
     *
     * @param id         output id
     * @param urgency    its urgency (null for the study-level output)
     * @param labelled   scores against the output's own labels
     * @param normals    scores of the normal studies
     */
    public record Output(String id, Urgency urgency, ScoredLabels labelled, double[] normals) {}

    /**
     * The chosen thresholds and what they do on validation.
     *
     * @param thresholds   per output id
     * @param normalRates  per output id: the share of validation normal studies at or above {@code doubtful} and
     *                     {@code positive}
     * @param method       how they were chosen, in words
     */
    public record Choice(Map<String, FindingThresholds> thresholds, Map<String, double[]> normalRates, String method) {}

    /**
     * @param outputs            the outputs, the study-level one marked by a null urgency
     * @param normalStudies      number of normal studies in validation
     * @param targetSensitivity  fallback: sensitivity of {@code doubtful}
     * @param targetSpecificity  fallback: specificity of {@code positive}
     * @param bootstrap          resamples for the AUROC intervals
     */
    public Choice choose(List<Output> outputs, int normalStudies, double targetSensitivity, double targetSpecificity,
                         BootstrapSettings bootstrap) {
        Map<String, String> notValidated = new LinkedHashMap<>();
        double shares = 0;
        for (Output o : outputs) {
            if (o.urgency() == null) {
                continue;
            }
            Optional<Interval> ci = o.labelled().hasBothClasses() ? BootstrapCi.auroc(o.labelled(), bootstrap)
                    : Optional.empty();
            if (ci.isEmpty()) {
                notValidated.put(o.id(), "validation has no positive or no negative image of it");
            } else if (ci.get().lower() < minAurocLowerBound) {
                notValidated.put(o.id(), String.format(Locale.ROOT,
                        "validation AUROC 95 %% CI %.2f-%.2f: lower bound under %.2f", ci.get().lower(),
                        ci.get().upper(), minAurocLowerBound));
            } else {
                shares += share(o.urgency());
            }
        }
        boolean budget = normalStudies >= MIN_NORMALS;
        Map<String, FindingThresholds> thresholds = new LinkedHashMap<>();
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (Output o : outputs) {
            FindingThresholds t;
            if (budget) {
                double part = o.urgency() == null ? 1 : shares == 0 ? 0 : share(o.urgency()) / shares;
                double pos = positivePerNormal * part;
                double any = anyPerNormal * part;
                double tp = tailThreshold(o.normals(), pos);
                double td = Math.min(tp, tailThreshold(o.normals(), any));
                t = new FindingThresholds(point(o.labelled(), tp), point(o.labelled(), td));
            } else {
                t = Calibrator.thresholds(o.labelled(), targetSensitivity, targetSpecificity)
                        .orElse(FindingThresholds.uncalibrated(0.5, 0.5));
            }
            String why = notValidated.get(o.id());
            thresholds.put(o.id(), why == null ? t : t.withoutCalls(why));
            rates.put(o.id(), new double[] {rate(o.normals(), t.doubtful().threshold()),
                    rate(o.normals(), t.positive().threshold())});
        }
        String method = budget
                ? String.format(Locale.ROOT, "call budget on %d validation normal studies: %.2f positive and %.2f "
                        + "positive-or-doubtful calls per normal study, shared by urgency; findings with a validation AUROC "
                        + "lower bound under %.2f not called", normalStudies, positivePerNormal, anyPerNormal,
                        minAurocLowerBound)
                : String.format(Locale.ROOT, "only %d normal studies in validation (fewer than %d): doubtful at "
                        + "sensitivity %.2f, positive at specificity %.2f on each finding's labels", normalStudies,
                        MIN_NORMALS, targetSensitivity, targetSpecificity);
        return new Choice(thresholds, rates, method);
    }

    /** The share of scores at or above a threshold. */
    static double rate(double[] scores, double threshold) {
        if (scores.length == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (double s : scores) {
            n += s >= threshold ? 1 : 0;
        }
        return (double) n / scores.length;
    }

    /**
     * The lowest threshold that lets at most {@code fraction} of the scores through, empirically; when that allows
     * fewer than five scores, the higher of it and the same quantile of a normal distribution fitted to the logits.
     */
    static double tailThreshold(double[] scores, double fraction) {
        if (scores.length == 0) {
            return 1;
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        int n = s.length;
        int allowed = (int) Math.floor(fraction * n + 1e-9);
        double empirical;
        if (allowed >= n) {
            empirical = 0;
        } else {
            // just above the (allowed + 1)-th highest score: midway to the next higher distinct score if there is one
            double level = s[n - 1 - allowed];
            double next = Double.NaN;
            for (int i = n - allowed; i < n; i++) {
                if (s[i] > level) {
                    next = s[i];
                    break;
                }
            }
            empirical = Double.isNaN(next) ? Math.nextUp(level) : (level + next) / 2;
        }
        if (allowed >= 5 || fraction <= 0) {
            return clamp(fraction <= 0 ? Math.nextUp(s[n - 1]) : empirical);
        }
        double mean = 0;
        double sq = 0;
        for (double v : s) {
            double z = logit(v);
            mean += z;
            sq += z * z;
        }
        mean /= n;
        double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
        double parametric = sigmoid(mean + normalQuantile(1 - fraction) * sd);
        return clamp(Math.max(empirical, parametric));
    }

    private static OperatingPoint point(ScoredLabels data, double threshold) {
        if (data.size() == 0) {
            return new OperatingPoint(threshold, Double.NaN, Double.NaN);
        }
        ConfusionCounts c = ConfusionCounts.at(data, threshold);
        return new OperatingPoint(threshold, c.sensitivity().estimate().orElse(Double.NaN),
                c.specificity().estimate().orElse(Double.NaN));
    }

    private static double clamp(double t) {
        return Math.max(0, Math.min(1, t));
    }

    private static double logit(double p) {
        double q = Math.max(1e-7, Math.min(1 - 1e-7, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The standard normal quantile, by bisection on the distribution function. */
    static double normalQuantile(double p) {
        double lo = -12;
        double hi = 12;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error under 7.5e-8). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }

    /** Calls per normal study on validation at the chosen thresholds, for the model card and the log. */
    public static Map<String, Double> normalStudyBurden(Choice choice, List<Output> outputs, int normalStudies) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (normalStudies == 0) {
            return out;
        }
        int anyPositive = 0;
        int anyCall = 0;
        int calls = 0;
        int positives = 0;
        for (int i = 0; i < normalStudies; i++) {
            boolean pos = false;
            boolean call = false;
            for (Output o : outputs) {
                FindingThresholds t = choice.thresholds().get(o.id());
                if (o.urgency() == null || !t.validated()) {
                    continue;
                }
                double s = o.normals()[i];
                if (s >= t.positive().threshold()) {
                    pos = true;
                    positives++;
                }
                if (s >= t.doubtful().threshold()) {
                    call = true;
                    calls++;
                }
            }
            anyPositive += pos ? 1 : 0;
            anyCall += call ? 1 : 0;
        }
        out.put("normal_studies", (double) normalStudies);
        out.put("share_with_positive_call", (double) anyPositive / normalStudies);
        out.put("share_with_any_call", (double) anyCall / normalStudies);
        out.put("positive_calls_per_study", (double) positives / normalStudies);
        out.put("calls_per_study", (double) calls / normalStudies);
        return out;
    }

    /** The outputs of {@code choose} whose calls are suppressed. */
    public static List<String> notValidated(Choice c) {
        List<String> out = new ArrayList<>();
        c.thresholds().forEach((id, t) -> {
            if (!t.validated()) {
                out.add(id);
            }
        });
        return out;
    }
}
