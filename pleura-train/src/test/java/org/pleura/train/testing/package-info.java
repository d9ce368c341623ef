/**
 * Test support shared by the pleura-train tests: locating the real data under {@code ../shared} and
 * running Debian's Python with scikit-learn as an independent reference, both skipping cleanly (JUnit
 * assumptions with a message saying what to install or set) when unavailable.
 */
package org.pleura.train.testing;
