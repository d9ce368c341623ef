/** Placeholder: see DESIGN.md for what pleura-model owns. */
package org.pleura.model;
