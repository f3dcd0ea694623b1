// The event form, built for fast entry: type or pick the date and the campaign
// is suggested; "all villages" in one click; material lines with a live leaflet
// count; Ctrl+Enter saves; errors appear next to their fields and in a summary at the top that
// takes the focus, in the UI language. Nothing typed is ever cut: long text gets a counter and a message.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Tag, Typography, type InputRef } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  describeIssues,
  EVENT_LIMITS,
  EventCreateSchema,
  fieldErrorWords,
  futureDateLevel,
  FUTURE_DATE_WARNING,
  leafletTotal,
  materialTypeMatches,
  suggestCampaigns,
  type EventCreate,
  type FieldError,
  type Reference,
} from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { useIsPhone } from '../../../lib/use-is-phone.ts';
import { SixIntoCheckboxes } from '../../reference/components/six-into-checkboxes.tsx';
import { useCatalogName, useLookups } from '../../reference/use-lookups.ts';
import { fieldNamePath, formValuesToPayload, type EventFormValues } from '../event-form-values.ts';
import { DuplicateWarning } from './duplicate-warning.tsx';
import { TypedDatePicker } from './typed-date-picker.tsx';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard.tsx';

export interface EventFormProps {
  reference: Reference;
  initialValues: EventFormValues;
  /** The event being edited (excluded from the duplicate check). */
  eventId?: number;
  /** Throws ApiRequestError on failure; the form then shows the errors and keeps every value. */
  onSubmit: (payload: EventCreate, options: { andNew: boolean }) => Promise<void>;
  /** Offer "save and log another" (new events only). */
  allowSaveAndNew?: boolean;
  extraAlert?: React.ReactNode;
  /** Offer "cancel" (editing): leaves without saving. */
  onCancel?: () => void;
  /** Nothing can be changed or saved (the event's period is locked; extraAlert says why). */
  disabled?: boolean;
  /** A button shown with a refused save's message (e.g. reload after a version conflict). */
  errorAction?: (error: unknown) => React.ReactNode;
}

export function EventForm({ reference, initialValues, eventId, onSubmit, allowSaveAndNew = false, extraAlert, onCancel, disabled = false, errorAction }: EventFormProps) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const nameOf = useCatalogName();
  const lookups = useLookups(reference);
  const [form] = Form.useForm<EventFormValues>();
  /** The unreadable-date message each date field shows, if any (so clearing it leaves other errors). */
  const unreadableShown = useRef<Partial<Record<'startDate' | 'endDate', string>>>({});
  const [submitting, setSubmitting] = useState(false);
  /** Saved, and the page is leaving (the next page may take a moment to load). */
  const [saved, setSaved] = useState(false);
  /** What the summary at the top lists: field errors (each opens its field) and others. */
  const [summary, setSummary] = useState<{ fields: FieldError[]; other: string[]; action?: React.ReactNode } | null>(null);
  const isPhone = useIsPhone();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [isDirty, setDirty] = useState(false);
  const titleRef = useRef<InputRef>(null);
  const andNewRef = useRef(false);
  useUnsavedChangesGuard(isDirty && !submitting);

  const townshipId = Form.useWatch('townshipId', form);
  const startDate = Form.useWatch('startDate', form);
  const title = Form.useWatch('title', form);
  const villageIds = Form.useWatch('villageIds', form) ?? [];
  const materials = Form.useWatch('materials', form) ?? [];

  const villages = lookups.villagesOf(townshipId);
  const campaigns = useMemo(
    () => reference.campaigns.filter((c) => c.townshipId === null || c.townshipId === townshipId),
    [reference.campaigns, townshipId],
  );
  const startIso = startDate?.isValid() ? startDate.format('YYYY-MM-DD') : undefined;
  const isFutureDate = startIso !== undefined && futureDateLevel(startIso) === 'warn';
  const suggestions = useMemo(() => (startIso ? suggestCampaigns(startIso, campaigns).slice(0, 3) : []), [startIso, campaigns]);

  // Suggest the campaign for the date, unless the clerk chose one themselves.
  useEffect(() => {
    const best = suggestions[0];
    if (best && !form.isFieldTouched('campaignId') && !form.getFieldValue('campaignId')) {
      form.setFieldValue('campaignId', best.campaignId);
    }
  }, [suggestions, form]);

  const leaflets = leafletTotal(
    materials.filter((m) => m?.materialTypeId && m.quantity).map((m) => ({ materialTypeId: m.materialTypeId!, quantity: m.quantity! })),
    lookups.materialTypeById,
  );

  // Number inputs have no min/precision on purpose: clamping or rounding would
  // silently change what was typed; validation says what is wrong instead.
  const messageOf = (error: FieldError) => (english ? error.messageEn : error.message);

  // The summary takes the focus when it appears, so a screen reader reads it and the field that
  // had focus (a date picker would pop its calendar open over its own error) stays closed; it is
  // scrolled into view below the sticky header (its scroll-margin in styles.css).
  useEffect(() => {
    if (!summary) return;
    summaryRef.current?.focus({ preventScroll: true });
    summaryRef.current?.scrollIntoView({ block: 'start' });
  }, [summary]);

  function showFieldErrors(errors: FieldError[]) {
    const known = new Set(Object.keys(initialValues));
    const onFields = errors.filter((e) => known.has(String(fieldNamePath(e.field)[0])));
    // Under each field only the words: the label is right above them.
    form.setFields(onFields.map((e) => ({ name: fieldNamePath(e.field) as never, errors: [fieldErrorWords(e, english)] })));
    setSummary({ fields: onFields, other: errors.filter((e) => !onFields.includes(e)).map(messageOf) });
  }

  /**
   * A date field's text that is no date: said under the field at once, not cleared in silence.
   * Once the text reads (or is emptied), only that message goes: a 必填 from the save stays.
   */
  function unreadableDate(name: 'startDate' | 'endDate', words: { zh: string; en: string } | null) {
    const message = words ? (english ? words.en : words.zh) : undefined;
    const shown = unreadableShown.current[name];
    unreadableShown.current[name] = message;
    if (message) form.setFields([{ name, errors: [message] }]);
    else if (shown && form.getFieldError(name).includes(shown)) form.setFields([{ name, errors: [] }]);
  }

    async function submit(values: EventFormValues) {
    setSummary(null);
    const payload = formValuesToPayload(values);
    // The API's own schema checks first, so most errors show without a round trip.
    const parsed = EventCreateSchema.safeParse(payload, { reportInput: true });
    if (!parsed.success) return showFieldErrors(describeIssues(parsed.error.issues));
    setSubmitting(true);
    try {
      await onSubmit(parsed.data, { andNew: andNewRef.current });
      setDirty(false);
      if (!andNewRef.current) setSaved(true);
      if (andNewRef.current) {
        // Keep what the next event of the same day likely shares.
        const keep = form.getFieldsValue(['startDate', 'townshipId', 'campaignId']);
        form.resetFields();
        form.setFieldsValue(keep);
        titleRef.current?.focus();
      }
    } catch (error) {
      if (error instanceof ApiRequestError && error.fields.length) showFieldErrors(error.fields);
      else setSummary({ fields: [], other: [error instanceof ApiRequestError ? error.messageIn(i18n.language) : String(error)], action: errorAction?.(error) });
    } finally {
      setSubmitting(false);
      andNewRef.current = false;
    }
  }

  const materialMatches = (typed: string, id: unknown) => {
    const entry = lookups.materialTypeById.get(Number(id));
    return entry !== undefined && materialTypeMatches(typed, entry);
  };

  const allVillagesChecked = villages.length > 0 && villages.every((v) => villageIds.includes(v.id));
  const options = <T extends { id: number; name: string; nameEn: string }>(rows: readonly T[]) => rows.map((r) => ({ value: r.id, label: nameOf(r) }));
  /** Entries switched off are not offered, unless this event already names them. */
  const offered = <T extends { id: number; isActive: boolean }>(rows: readonly T[], chosen: readonly number[] = []) =>
    rows.filter((r) => r.isActive || chosen.includes(r.id));
  const multi = { mode: 'multiple' as const, allowClear: true, showSearch: { optionFilterProp: 'label' }, placeholder: t('form.select') };

  return (
    <Form<EventFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      disabled={disabled}

      onValuesChange={(changed: Partial<EventFormValues>) => {
        setDirty(true);
        // An error shown for a field goes away as soon as the field is changed.
        form.setFields(Object.keys(changed).map((name) => ({ name: name as never, errors: [] })));
        if ('townshipId' in changed) {
          // Villages and departments belong to a township: drop those of the old one.
          const keepIds = new Set(lookups.villagesOf(changed.townshipId).map((v) => v.id));
          const keepDepartments = new Set(lookups.departmentsOf(changed.townshipId).map((d) => d.id));
          form.setFieldsValue({
            villageIds: form.getFieldValue('villageIds').filter((id: number) => keepIds.has(id)),
            departmentIds: form.getFieldValue('departmentIds').filter((id: number) => keepDepartments.has(id)),
          });
        }
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          form.submit();
        } else if (e.target instanceof HTMLInputElement) {
          // Enter confirms a date or an option; it must not save a half-filled form.
          e.preventDefault();
        }
      }}
      noValidate
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {extraAlert}
        {summary && (
          <div ref={summaryRef} tabIndex={-1} className="form-error-summary" data-testid="error-summary">
            <Alert
              type="error"
              showIcon
              role="alert"
              // "Fix the fields marked in red" only when some field is marked.
              message={summary.fields.length ? t('form.fixErrors') : t('form.notSaved')}
              action={summary.action}
              description={
                <ul>
                  {summary.fields.map((error) => (
                    <li key={error.field}>
                      <a
                        href={`#${fieldNamePath(error.field).join('_')}`}
                        onClick={(e) => {
                          e.preventDefault();
                          form.scrollToField(fieldNamePath(error.field) as never, { block: 'center', focus: true });
                        }}
                      >
                        {messageOf(error)}
                      </a>
                    </li>
                  ))}
                  {summary.other.map((message) => <li key={message}>{message}</li>)}
                </ul>
              }
            />
          </div>
        )}
        <Card size="small" title={t('form.sections.when')}>
          <Row gutter={12}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="startDate" label={t('form.startDate')} required>
                <TypedDatePicker
                  style={{ width: '100%' }}
                  format="YYYY-MM-DD"
                  autoFocus={!eventId}
                  inputReadOnly={false}
                  aria-describedby={isFutureDate ? 'future-date-warning' : undefined}
                  onRangeEnd={(end) => form.setFieldValue('endDate', end)}
                  onUnreadable={(words) => unreadableDate('startDate', words)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="endDate" label={t('form.endDate')} tooltip={t('form.endDateHelp')}>
                <TypedDatePicker style={{ width: '100%' }} format="YYYY-MM-DD" onUnreadable={(words) => unreadableDate('endDate', words)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="townshipId" label={t('form.township')} required>
                <Select options={options(lookups.townships)} placeholder={t('form.select')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="title" label={t('form.title')} required>
                <Input ref={titleRef} count={{ show: true, max: EVENT_LIMITS.title }} placeholder={t('form.titlePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="campaignId"
                label={t('form.campaign')}
                extra={
                  !disabled && suggestions.length > 0 && (
                    <span data-testid="campaign-suggestions">
                      {t('form.suggested')}{' '}
                      {suggestions.map((s) => (
                        // A button (reachable by keyboard), dark blue on pale blue: 6:1, where antd's "processing" tag was 3.66:1.
                        <Button
                          key={s.campaignId}
                          size="small"
                          color="primary"
                          variant="filled"
                          style={{ color: '#0041a8', marginInlineEnd: 6 }}
                          onClick={() => {
                            form.setFieldValue('campaignId', s.campaignId);
                            setDirty(true);
                          }}
                        >
                          {nameOf(lookups.campaignById.get(s.campaignId))}
                        </Button>
                      ))}
                    </span>
                  )
                }
              >
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('form.campaignPlaceholder')} options={options(campaigns)} />
              </Form.Item>
            </Col>
          </Row>
          {isFutureDate && (
            <Alert id="future-date-warning" type="warning" showIcon data-testid="future-date-warning" message={english ? FUTURE_DATE_WARNING.en : FUTURE_DATE_WARNING.zh} style={{ marginBottom: 12 }} />
          )}
          {/* Not while saving, nor once saved: the lists refresh with the event just saved, which is no duplicate of itself. */}
          {!submitting && !saved && <DuplicateWarning townshipId={townshipId} startDate={startIso} title={title} excludeId={eventId} />}
        </Card>

        <Card size="small" title={t('form.sections.where')}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="location" label={t('form.location')}>
                <Input count={{ show: true, max: EVENT_LIMITS.location }} placeholder={t('form.locationPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={
                  <Flex gap={12} align="center">
                    {t('form.villages')}
                    <Checkbox
                      checked={allVillagesChecked}
                      indeterminate={villageIds.length > 0 && !allVillagesChecked}
                      disabled={villages.length === 0}
                      onChange={(e) => {
                        form.setFieldValue('villageIds', e.target.checked ? villages.map((v) => v.id) : []);
                        setDirty(true);
                      }}
                    >
                      {t('form.allVillages')}
                    </Checkbox>
                  </Flex>
                }
              >
                <Form.Item name="villageIds" noStyle>
                  <Select {...multi} options={options(villages)} aria-label={t('form.villages')} />
                </Form.Item>
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="sixInto" label={t('form.sixInto')}>
                <SixIntoCheckboxes reference={reference} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="targetGroupIds" label={t('form.targetGroups')}>
                <Select {...multi} options={options(offered(reference.targetGroups, initialValues.targetGroupIds))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="departmentIds" label={t('form.departments')}>
                <Select
                  {...multi}
                  options={options(offered(lookups.departmentsOf(townshipId), initialValues.departmentIds))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('form.sections.content')}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="formIds" label={t('form.forms')}>
                <Select {...multi} options={options(offered(reference.forms, initialValues.formIds))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="lawIds" label={t('form.laws')}>
                <Select {...multi} options={options(offered(reference.laws, initialValues.lawIds))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('form.sections.counts')}>
          <Row gutter={12}>
            <Col xs={12} md={6}>
              <Form.Item name="audience" label={t('form.audience')}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="consultations" label={t('form.consultations')}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('form.materials')}</Typography.Text>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => {
                  const type = lookups.materialTypeById.get(materials[index]?.materialTypeId ?? -1);
                  return (
                    <Row gutter={8} key={field.key} align="top" style={{ marginTop: 8 }}>
                      <Col flex="1 1 200px">
                        <Form.Item name={[field.name, 'materialTypeId']} style={{ marginBottom: 8 }}>
                          <Select
                            // Names, what clerks call them (宣传单 finds 宣传资料/传单) and pinyin initials: the domain's catalog words.
                            showSearch={{ filterOption: (typed, option) => materialMatches(typed, option?.value) }}
                            placeholder={t('form.materialType')}
                            aria-label={`${t('form.materialType')} ${index + 1}`}
                            options={offered(reference.materialTypes, initialValues.materials.map((m) => m.materialTypeId ?? 0)).map((m) => ({
                              value: m.id,
                              label: `${nameOf(m)}（${english ? m.unitEn : m.unit}）`,
                            }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="0 1 180px">
                        <Form.Item name={[field.name, 'quantity']} style={{ marginBottom: 8 }}>
                          <InputNumber
                            placeholder={t('form.quantity')}
                            aria-label={`${t('form.quantity')} ${index + 1}`}
                            suffix={type ? (english ? type.unitEn : type.unit) : undefined}
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="none">
                        <Button icon={<DeleteOutlined />} aria-label={t('form.removeLine')} onClick={() => remove(field.name)} />
                      </Col>
                    </Row>
                  );
                })}
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => {
                      add({});
                      // The new line's material takes the focus (antd names it materials_<index>_materialTypeId).
                      const index = fields.length;
                      setTimeout(() => document.getElementById(`materials_${index}_materialTypeId`)?.focus());
                    }}
                  >
                    {t('form.addMaterial')}
                  </Button>
                  <Typography.Text type="secondary" data-testid="leaflet-total">{t('form.leafletTotal', { count: leaflets })}</Typography.Text>
                </Flex>
              </>
            )}
          </Form.List>
          <Form.Item name="notes" label={t('form.notes')} style={{ marginTop: 16 }}>
            <Input.TextArea rows={3} count={{ show: true, max: EVENT_LIMITS.notes }} />
          </Form.Item>
        </Card>

        <Flex gap={8} wrap align="center">
          <Button type="primary" htmlType="submit" loading={submitting}>{t('form.submit')}</Button>
          {allowSaveAndNew && (
            <Button htmlType="submit" disabled={submitting} onClick={() => (andNewRef.current = true)}>{t('form.submitAndNew')}</Button>
          )}
          {onCancel && <Button disabled={false} onClick={onCancel}>{t('common.cancel')}</Button>}
          {!isPhone && <Typography.Text type="secondary">{t('form.shortcut')}</Typography.Text>}
        </Flex>
      </Space>
    </Form>
  );
}
