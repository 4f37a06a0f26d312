package dev.incidents.command.servicelevel;

/**
 * Result of saving a calendar or publishing a policy.
 *
 * @param id      calendar or policy id
 * @param version version in effect after the command
 * @param changed false when a calendar equal to its latest version was saved again, which records nothing
 */
public record ServiceLevelVersion(String id, int version, boolean changed) {
}
