/**
 * Test support shared by every module: {@link org.pleura.testsupport.SharedData} finds {@code ../shared} (the real
 * radiographs the tests read) and the external tools tests compare with, and skips a test with a clear message when
 * they are absent. Used in test scope only.
 */
package org.pleura.testsupport;
