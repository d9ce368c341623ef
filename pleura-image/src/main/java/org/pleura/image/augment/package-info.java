/**
 * Training-time augmentations suited to radiographs: small rotations, scaling and translations (patient
 * positioning), gamma and contrast changes (exposure and processing differences between sites) and a little
 * noise. Left-right flips are off by default: situs and the heart's position are part of what a chest
 * radiograph shows (cardiomegaly, dextrocardia, side markers), so a flipped chest is not a plausible chest.
 */
package org.pleura.image.augment;
