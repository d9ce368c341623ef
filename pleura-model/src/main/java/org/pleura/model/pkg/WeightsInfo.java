package org.pleura.model.pkg;

/**
 * Where the weights are and how to check them.
 *
 * @param file       file name inside the package
 * @param storage    {@code FLOAT16} or {@code FLOAT32}
 * @param sha256     hex SHA-256 of the file
 * @param parameters number of scalar parameters
 */
public record WeightsInfo(String file, WeightsFile.Storage storage, String sha256, long parameters) {
}
