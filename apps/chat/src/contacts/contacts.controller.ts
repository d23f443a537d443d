import { CurrentPrincipal, type Principal, RequirePermissions } from '@app/auth';
import {
  type ContactExport,
  type ContactNote,
  type ContactProfile,
  type RoomHistoryPage,
} from '@app/contracts';
import { ApiAnswer, ApiErrors } from '@app/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { roomHistoryAnswer } from '../rooms/dto/rooms.answers';
import { RoomsService } from '../rooms/rooms.service';
import { ContactPrivacyService } from './contact-privacy.service';
import { ContactsService, toContactProfile } from './contacts.service';
import { contactAnswer, contactExportAnswer, contactNoteAnswer } from './dto/contacts.answers';
import {
  AddContactNoteDto,
  ContactConversationsQuery,
  ContactLookupQuery,
  RenameContactDto,
} from './dto/contacts.dto';

const notFound = { 404: '`contact_not_found`: no such contact in this workspace.' };

/**
 * Contacts: visitors known across conversations by email. Every agent of the tenant sees and
 * annotates them; erasure and export need `contacts:erase` and `contacts:export`.
 */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly privacy: ContactPrivacyService,
    private readonly rooms: RoomsService,
  ) {}

  /** The contact of an email, or of a room's visitor (what the inbox opens). */
  @RequirePermissions('chats:join')
  @ApiErrors({ 404: '`contact_not_found`, `room_not_found`' })
  @ApiAnswer(200, contactAnswer)
  @Get()
  async find(@Query() query: ContactLookupQuery): Promise<ContactProfile> {
    const by = query.email !== undefined ? { email: query.email } : { roomId: query.roomId! };
    return toContactProfile(await this.contacts.find(by));
  }

  @RequirePermissions('chats:join')
  @ApiErrors(notFound)
  @ApiAnswer(200, contactAnswer)
  @Get(':id')
  async get(@Param('id') id: string): Promise<ContactProfile> {
    return toContactProfile(await this.contacts.get(id));
  }

  /** Sets the name agents know the contact by; later visits no longer change it. */
  @RequirePermissions('chats:join')
  @ApiErrors(notFound)
  @ApiAnswer(200, contactAnswer)
  @Patch(':id')
  async rename(
    @Param('id') id: string,
    @Body() body: RenameContactDto,
    @CurrentPrincipal() agent: Principal,
  ): Promise<ContactProfile> {
    return toContactProfile(await this.contacts.rename(id, body.name, agent));
  }

  /**
   * The contact's conversations the agent may see (as in `GET /rooms`: a supervisor all, others
   * those of no team, of their teams, and those they held), newest first, a page at a time.
   */
  @RequirePermissions('chats:join')
  @ApiErrors(notFound)
  @ApiAnswer(200, roomHistoryAnswer)
  @Get(':id/conversations')
  async conversations(
    @Param('id') id: string,
    @Query() query: ContactConversationsQuery,
    @CurrentPrincipal() agent: Principal,
  ): Promise<RoomHistoryPage> {
    const audience = { ...(await this.rooms.audienceOf(agent)), agentId: agent.userId };
    return this.contacts.conversations(id, audience, query.cursor ?? null, query.limit);
  }

  /** Notes about the contact, oldest first. */
  @RequirePermissions('chats:join')
  @ApiErrors(notFound)
  @ApiAnswer(200, z.object({ notes: z.array(contactNoteAnswer) }))
  @Get(':id/notes')
  async notes(@Param('id') id: string): Promise<{ notes: ContactNote[] }> {
    return { notes: await this.contacts.notes(id) };
  }

  @RequirePermissions('chats:join')
  @ApiErrors(notFound)
  @ApiAnswer(201, contactNoteAnswer)
  @Post(':id/notes')
  addNote(
    @Param('id') id: string,
    @Body() body: AddContactNoteDto,
    @CurrentPrincipal() agent: Principal,
  ): Promise<ContactNote> {
    return this.contacts.addNote(id, body.body, agent);
  }

  /**
   * Erases the contact for good (GDPR): every conversation of their email (open ones are closed
   * first, without a transcript), its messages, notes and files, then the contact and its notes.
   * Publishes `chat.chatroom.deleted` per conversation and `chat.contact.erased`.
   */
  @RequirePermissions('chats:join', 'contacts:erase')
  @ApiErrors({
    ...notFound,
    503: '`storage_unavailable`: the object store does not answer; erase again to finish.',
  })
  @ApiAnswer(204)
  @HttpCode(204)
  @Delete(':id')
  async erase(@Param('id') id: string, @CurrentPrincipal() agent: Principal): Promise<void> {
    await this.privacy.erase(id, agent);
  }

  /** Everything stored about the contact, as a JSON download (GDPR). */
  @RequirePermissions('chats:join', 'contacts:export')
  @ApiErrors(notFound)
  @ApiAnswer(200, contactExportAnswer)
  @Header('Content-Disposition', 'attachment; filename="contact-export.json"')
  @Get(':id/export')
  export(@Param('id') id: string, @CurrentPrincipal() agent: Principal): Promise<ContactExport> {
    return this.privacy.export(id, agent);
  }
}
