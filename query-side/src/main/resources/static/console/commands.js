// Forms of the incident commands: the fields each command's request body takes (README, "Command API"), with the
// required ones marked. Which commands a person is offered is decided in permits.js.

import { element } from './api.js';

const LEVELS = ['HIGH', 'MEDIUM', 'LOW'];
const text = (name, label, extra = {}) => ({ name, label, type: 'text', ...extra });
const select = (name, label, options, extra = {}) => ({ name, label, type: 'select', options, ...extra });

/** Command forms by the last segment of the command's REST path, in the order the incident page lists them. */
export const COMMAND_FORMS = Object.freeze({
    accept: { title: 'Accept the assignment', fields: [], body: (values, session) => ({ assignee: session.user }) },
    assign: { title: 'Assign', fields: [text('group', 'Support group', { required: true, list: 'known-groups' }),
        text('assignee', 'Assignee (user id, optional)')] },
    'work-notes': { title: 'Add a work note', fields: [
        { name: 'text', label: 'Note', type: 'textarea', required: true },
        select('visibility', 'Visible to', [['INTERNAL', 'Support staff only'],
            ['CUSTOMER_VISIBLE', 'Support staff and the requester']])] },
    'return-to-service-desk': { title: 'Return to the service desk',
        fields: [text('reason', 'Reason', { required: true })] },
    reassign: { title: 'Reassign', fields: [text('group', 'Support group (empty: keep the group)', { list: 'known-groups' }),
        text('assignee', 'Assignee (user id, optional)'), text('reason', 'Reason', { required: true })] },
    release: { title: 'Release the assignment', fields: [text('reason', 'Reason (optional)')] },
    pend: { title: 'Pend', fields: [select('reason', 'Waiting for', [['CUSTOMER', 'The customer'],
        ['VENDOR', 'A vendor'], ['CHANGE', 'A change'], ['OTHER', 'Something else']], { required: true }),
        text('detail', 'Detail (optional)'), { name: 'until', label: 'Until (UTC, optional)', type: 'datetime' }] },
    resume: { title: 'Resume work', fields: [] },
    resolve: { title: 'Resolve', fields: [text('resolutionCode', 'Resolution code', { required: true }),
        { name: 'note', label: 'Resolution note (optional)', type: 'textarea' },
        text('knowledgeArticle', 'Knowledge article (optional)')] },
    close: { title: 'Close', fields: [{ name: 'satisfaction', label: 'Satisfaction, 1 to 5 (optional)',
        type: 'number', min: 1, max: 5 }, { name: 'comment', label: 'Comment (optional)', type: 'textarea' }] },
    'reject-resolution': { title: 'Reject the resolution', fields: [text('reason', 'Reason', { required: true })] },
    reopen: { title: 'Reopen', fields: [text('reason', 'Reason', { required: true })] },
    escalate: { title: 'Escalate', fields: [select('kind', 'Kind', [['HIERARCHICAL', 'Hierarchical (to management)'],
        ['FUNCTIONAL', 'Functional (to another group)']], { required: true }),
        text('toGroup', 'To group (functional only)', { list: 'known-groups' }),
        text('reason', 'Reason', { required: true })] },
    classify: { title: 'Classify', fields: [text('category', 'Category (optional)'),
        select('impact', 'Impact', LEVELS.map(level => [level, level]), { required: true }),
        select('urgency', 'Urgency', LEVELS.map(level => [level, level]), { required: true })] },
    'resolution-promise': { title: 'Promise a resolution time',
        fields: [{ name: 'promisedFor', label: 'Promised for (UTC)', type: 'datetime', required: true }] },
    'transfer-ownership': { title: 'Transfer ownership', fields: [
        text('toGroup', 'New owner group', { required: true, list: 'known-groups' }), text('reason', 'Reason (optional)')] },
    cancel: { title: 'Cancel', fields: [select('reason', 'Reason', [['WITHDRAWN_BY_REQUESTER', 'Withdrawn by the requester'],
        ['LOGGED_IN_ERROR', 'Logged in error'], ['DUPLICATE', 'Duplicate'], ['OTHER', 'Other']], { required: true }),
        text('detail', 'Detail (optional)')] },
    'mark-duplicate': { title: 'Mark as a duplicate', fields: [text('originalId', 'Original incident id', { required: true }),
        text('reason', 'Reason (optional)')] },
});

/**
 * Builds the form of one command. `onSubmit(body)` receives the request body built from the filled fields, with
 * empty optional fields left out.
 */
export function commandForm(label, session, onSubmit) {
    const definition = COMMAND_FORMS[label];
    const form = element('form', { class: 'command-form', 'data-command': label, novalidate: false });
    for (const field of definition.fields) {
        form.append(fieldRow(label, field));
    }
    form.append(element('button', { type: 'submit', class: 'primary' }, definition.title));
    form.addEventListener('submit', event => {
        event.preventDefault();
        const body = definition.body ? definition.body(new FormData(form), session) : bodyOf(definition, form);
        onSubmit(body, form);
    });
    return form;
}

function fieldRow(label, field) {
    const id = 'field-' + label + '-' + field.name;
    const row = element('div', { class: 'field' });
    row.append(element('label', { for: id }, field.label + (field.required ? ' (required)' : '')));
    let input;
    if (field.type === 'select') {
        input = element('select', { id, name: field.name, required: field.required });
        if (!field.required) {
            input.append(element('option', { value: '' }, 'Default'));
        }
        for (const [value, text] of field.options) {
            input.append(element('option', { value }, text));
        }
    } else if (field.type === 'textarea') {
        input = element('textarea', { id, name: field.name, rows: 3, required: field.required });
    } else if (field.type === 'datetime') {
        input = element('input', { id, name: field.name, type: 'datetime-local', step: 1, required: field.required });
    } else if (field.type === 'number') {
        input = element('input', { id, name: field.name, type: 'number', min: field.min, max: field.max });
    } else {
        input = element('input', { id, name: field.name, type: 'text', required: field.required, list: field.list,
            autocomplete: 'off' });
    }
    row.append(input);
    return row;
}

function bodyOf(definition, form) {
    const body = {};
    for (const field of definition.fields) {
        const raw = form.elements[field.name].value.trim();
        if (raw === '') {
            continue;
        }
        if (field.type === 'number') {
            body[field.name] = Number(raw);
        } else if (field.type === 'datetime') {
            body[field.name] = utcInstant(raw);
        } else {
            body[field.name] = raw;
        }
    }
    return body;
}

/** Reads a datetime-local value ("2025-03-03T09:00" or with seconds) as a UTC instant. */
export function utcInstant(localValue) {
    const withSeconds = localValue.length === 16 ? localValue + ':00' : localValue;
    return withSeconds + 'Z';
}
