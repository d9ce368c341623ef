/**
 * Test support shared by the pleura-train tests: the NIH subset's README counts and Debian's Python with
 * scikit-learn as an independent reference, both skipping cleanly (JUnit assumptions with a message saying
 * what to install or set) when unavailable. The real data is located by {@link org.pleura.testsupport.SharedData}.
 */
package org.pleura.train.testing;
