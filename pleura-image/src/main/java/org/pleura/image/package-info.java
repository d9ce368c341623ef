/** Placeholder: see DESIGN.md for what pleura-image owns. */
package org.pleura.image;
