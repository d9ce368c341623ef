package org.pleura.train.eval;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pleura.train.manifest.LabelCounts;

/**
 * The model's AUROC within each group of one manifest column, per output.
 *
 * @param grouping the column and how it is grouped
 * @param groups the groups, each with its per-output figures
 * @param worst per output id, the group with the lowest AUROC among those with at least {@link #MIN_PER_CLASS}
 *     positives and negatives (absent when no group has as many)
 */
public record SubgroupEvaluation(Grouping grouping, List<Group> groups, Map<String, Worst> worst) {

  /** Positives and negatives a group needs for its AUROC to count as the worst or to raise a warning. */
  public static final int MIN_PER_CLASS = 5;

  /** Copies. */
  public SubgroupEvaluation {
    groups = List.copyOf(groups);
    worst = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(worst));
  }

  /**
   * One group.
   *
   * @param value the group's value (or band)
   * @param images the evaluated images in it
   * @param outputs per output id, in evaluation order
   */
  public record Group(String value, int images, Map<String, Figures> outputs) {
    /** Copies. */
    public Group {
      outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }
  }

  /**
   * An output's figures within one group.
   *
   * @param counts labels in the group
   * @param auroc the AUROC, empty without both classes
   * @param aurocCi95 its bootstrap interval
   */
  public record Figures(LabelCounts counts, OptionalDouble auroc, Optional<Interval> aurocCi95) {
    /** Whether the group has enough of both classes to count. */
    public boolean enough() {
      return counts.positives() >= MIN_PER_CLASS && counts.negatives() >= MIN_PER_CLASS;
    }
  }

  /**
   * The worst group of an output.
   *
   * @param group its value
   * @param auroc its AUROC
   */
  public record Worst(String group, double auroc) {}
}
