import { Fragment, useCallback, useState } from 'react';
import type { List } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { SegmentsTabs } from '../segments/segments-tabs.js';
import { CreateListForm } from './create-list-form.js';
import { ListMembersForm } from './list-members-form.js';

/** Manual lists: ids uploaded by hand, which segments can include or exclude. */
export function ListsPage() {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const { data, error, loading, setData } = useLoad(useCallback((signal) => api.listLists(signal), [api]));
  const [open, setOpen] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const lists = data?.lists ?? [];

  const put = (list: List) =>
    setData((d) => {
      const others = (d?.lists ?? []).filter((l) => l.id !== list.id);
      return { lists: [...others, list].sort((a, b) => a.name.localeCompare(b.name)) };
    });

  async function remove(list: List) {
    if (!window.confirm(t('lists.confirmDelete', { name: list.name }))) return;
    setActionError(null);
    try {
      await api.deleteList(list.id);
      setData((d) => ({ lists: (d?.lists ?? []).filter((l) => l.id !== list.id) }));
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <section className="page" data-testid="lists-page" aria-busy={loading}>
      <div className="page-head">
        <h1>{t('lists.title')}</h1>
        <SegmentsTabs current="lists" />
      </div>
      <p className="muted">{t('lists.intro')}</p>
      <ErrorNote error={error} />
      <ErrorNote error={actionError} />
      {data !== null && lists.length === 0 ? <p className="empty">{t('lists.empty')}</p> : null}
      {lists.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="lists-table">
            <thead>
              <tr>
                <th>{t('lists.name')}</th>
                <th className="num">{t('lists.size')}</th>
                <th className="num">{t('lists.unmatched')}</th>
                <th>{t('segments.col.updated')}</th>
                <th className="actions">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <Fragment key={list.id}>
                  <tr data-testid="list-row" data-list-id={list.id}>
                    <td>
                      <span className="strong">{list.name}</span>
                      {list.description !== '' ? <div className="muted small">{list.description}</div> : null}
                      <div className="muted small mono">{list.id}</div>
                    </td>
                    <td className="num" data-testid="list-size">
                      {fmt.number(list.size)}
                    </td>
                    <td className="num" data-testid="list-unmatched">
                      {fmt.number(list.unmatched)}
                    </td>
                    <td>{fmt.dateTime(list.updatedAt)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="small"
                        aria-expanded={open === list.id}
                        onClick={() => setOpen(open === list.id ? null : list.id)}
                        data-testid="list-edit-members"
                      >
                        {t('lists.editMembers')}
                      </button>
                      <button
                        type="button"
                        className="small danger"
                        onClick={() => remove(list)}
                        data-testid="list-delete"
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  </tr>
                  {open === list.id ? (
                    <tr>
                      <td colSpan={5}>
                        <ListMembersForm list={list} onSaved={put} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateListForm onCreated={put} />
    </section>
  );
}
