/** Placeholder: see DESIGN.md for what pleura-results owns. */
package org.pleura.results;
