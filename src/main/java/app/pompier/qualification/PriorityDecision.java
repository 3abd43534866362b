package app.pompier.qualification;

import app.pompier.ticket.Priority;

/** A priority and, in words, why: "P1: 'log in' unusable for all customers, no workaround". */
public record PriorityDecision(Priority priority, String reason) {
}
