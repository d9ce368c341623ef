/**
 * The finding catalogue: the single source of finding ids, display names (English and French), urgencies and
 * the codes (SNOMED CT, DICOM, RadLex) that structured reports carry. A catalogue is data (a JSON resource):
 * the chest catalogue is one instance, {@link org.pleura.model.catalogue.FindingCatalogue#chest()}, and another
 * body part (e.g. fractures) would be another file, not new code.
 */
package org.pleura.model.catalogue;
