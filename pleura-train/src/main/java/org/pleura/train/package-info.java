/** Placeholder: see DESIGN.md for what pleura-train owns. */
package org.pleura.train;
