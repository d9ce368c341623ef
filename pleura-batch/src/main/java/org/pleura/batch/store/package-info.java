/**
 * The output folder of a batch and everything that makes re-runs safe: its layout ({@link
 * org.pleura.batch.store.BatchOutput}), the lock one run holds ({@link org.pleura.batch.store.OutputLock}), the
 * pseudonym key created once ({@link org.pleura.batch.store.PseudonymKey}), the ledger of committed runs ({@link
 * org.pleura.batch.store.RunLedger}), and the Parquet tables ({@link org.pleura.batch.store.Tables}, read back by
 * {@link org.pleura.batch.store.BatchTables} from committed runs only).
 */
package org.pleura.batch.store;
