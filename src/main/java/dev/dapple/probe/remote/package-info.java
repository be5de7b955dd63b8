/**
 * The probe protocol between a remote probe agent and the server, JSON over HTTP under {@code /api/probe/}, each
 * request with {@code Authorization: Bearer <token>} of a token bound to one location:
 * <ul>
 *   <li>{@code POST /api/probe/register} {@link Hello} → {@link Welcome}</li>
 *   <li>{@code POST /api/probe/heartbeat} {@link Beat} → 204 (registers implicitly too)</li>
 *   <li>{@code GET /api/probe/assignments?probe=NAME} → {@link Assignments}: this probe's rendezvous share of its
 *       location's journeys, as published YAML; never secrets (the probe resolves {@code secret.*}, {@code env.*})</li>
 *   <li>{@code POST /api/probe/results} {@link Results} → {@link Stored}; ingest is idempotent by run id</li>
 * </ul>
 */
package dev.dapple.probe.remote;
