package org.pleura.train.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The training tests' view of the shared data, located by {@link org.pleura.testsupport.SharedData}. */
public final class SharedData {

  private SharedData() {}

  /** @return the NIH development subset folder, or skips the test when it is not there */
  public static Path nihFolder() {
    return org.pleura.testsupport.SharedData.data("nih-cxr/manifest.csv").getParent();
  }
}
