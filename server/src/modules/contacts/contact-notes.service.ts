import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ContactNoteView } from '@kejing/shared';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { StaffService } from '../staff/staff.service';
import { ContactNote } from './contact-note.entity';
import type { ContactBookService } from './contact-book.service';
import type { ContactsService } from './contacts.service';
import { presentNote } from './contact.presenter';
import type { ContactNoteDto } from './contact.dto';

const notAuthor = () => new AppError(403, 'not_author', '只有记录的作者可以修改或删除它');

/**
 * Notes on a contact (跟进记录). The owning agent writes them; only a note's author edits or
 * deletes it; every write is audited (which note, never its words). They show in the contact's
 * timeline and in the person's privacy export.
 */
export class ContactNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly contacts: ContactsService,
    private readonly book: ContactBookService,
    private readonly staff: Pick<StaffService, 'namesOf'>,
  ) {}

  async add(actor: StaffActor, contactId: string, dto: ContactNoteDto): Promise<ContactNoteView> {
    const contact = await this.book.findOwned(actor, contactId);
    const now = this.clock.nowMs();
    const note: ContactNote = { id: randomUUID(), contactId: contact.id, authorId: actor.staffId, body: dto.body.trim(), createdAtMs: now, updatedAtMs: now };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ContactNote, note);
      await this.audit.record({ actorId: actor.staffId, action: 'note.create', subjectType: 'contact_note', subjectId: note.id, detail: { contactId: contact.id } }, manager);
    });
    return this.present(actor, note);
  }

  async edit(actor: StaffActor, contactId: string, noteId: string, dto: ContactNoteDto): Promise<ContactNoteView> {
    const note = await this.authored(actor, contactId, noteId);
    const updated = { ...note, body: dto.body.trim(), updatedAtMs: this.clock.nowMs() };
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ContactNote, { id: note.id }, { body: updated.body, updatedAtMs: updated.updatedAtMs });
      await this.audit.record({ actorId: actor.staffId, action: 'note.update', subjectType: 'contact_note', subjectId: note.id, detail: { contactId: note.contactId } }, manager);
    });
    return this.present(actor, updated);
  }

  async remove(actor: StaffActor, contactId: string, noteId: string): Promise<void> {
    const note = await this.authored(actor, contactId, noteId);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ContactNote, { id: note.id });
      await this.audit.record({ actorId: actor.staffId, action: 'note.delete', subjectType: 'contact_note', subjectId: note.id, detail: { contactId: note.contactId } }, manager);
    });
  }

  /** The note, if the actor can see its contact (else 404) and wrote it (else 403). */
  private async authored(actor: StaffActor, contactId: string, noteId: string): Promise<ContactNote> {
    const contact = await this.contacts.findInScope(actor, contactId);
    const note = await this.dataSource.getRepository(ContactNote).findOneBy({ id: noteId, contactId: contact.id });
    if (!note) throw notFound('note');
    if (note.authorId !== actor.staffId) throw notAuthor();
    return note;
  }

  private async present(actor: StaffActor, note: ContactNote): Promise<ContactNoteView> {
    const names = await this.staff.namesOf([note.authorId]);
    return presentNote(
      { noteId: note.id, contactId: note.contactId, authorId: note.authorId, body: note.body, createdAtMs: note.createdAtMs, updatedAtMs: note.updatedAtMs },
      names.get(note.authorId) ?? '', actor.staffId,
    );
  }
}
