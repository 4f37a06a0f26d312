// Display text for the API's enum values.

/** "P1_CRITICAL" becomes "P1 critical". */
export function priorityText(priority) {
    if (!priority) {
        return '—';
    }
    const [level, ...name] = priority.split('_');
    return name.length === 0 ? level : level + ' ' + name.join(' ').toLowerCase();
}

/** "IN_PROGRESS" becomes "In progress". */
export function enumText(value) {
    if (!value) {
        return '—';
    }
    const words = value.toLowerCase().replaceAll('_', ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
}
