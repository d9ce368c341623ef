/** Placeholder: see DESIGN.md for what pleura-server owns. */
package org.pleura.server;
