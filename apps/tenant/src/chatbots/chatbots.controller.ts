import { Authenticated, RequirePermissions } from '@app/auth';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '@app/platform';
import {
  chatbotAnswer,
  chatbotsAnswer,
  chatbotWithKeyAnswer,
  identitySecretAnswer,
  journeyAnswer,
} from './dto/chatbots.answers';
import { type Journey } from '@app/contracts';
import { type ChatbotView, type ChatbotWithKey, ChatbotsService } from './chatbots.service';
import { CreateChatbotDto, UpdateChatbotDto } from './dto/chatbots.dto';

@ApiTags('chatbots')
@ApiBearerAuth()
@Controller('chatbots')
export class ChatbotsController {
  constructor(private readonly chatbots: ChatbotsService) {}

  /** The answer holds the API key and the embed snippet: the only time the key is shown. */
  @RequirePermissions('chatbots:manage')
  @ApiAnswer(201, chatbotWithKeyAnswer)
  @Post()
  create(@Body() body: CreateChatbotDto): Promise<ChatbotWithKey> {
    return this.chatbots.create(body);
  }

  @Authenticated()
  @ApiAnswer(200, chatbotsAnswer)
  @Get()
  async list(): Promise<{ chatbots: ChatbotView[] }> {
    return { chatbots: await this.chatbots.list() };
  }

  @Authenticated()
  @ApiAnswer(200, chatbotAnswer)
  @Get(':id')
  get(@Param('id') id: string): Promise<ChatbotView> {
    return this.chatbots.get(id);
  }

  @RequirePermissions('chatbots:manage')
  @ApiErrors({
    409: '`identity_secret_missing`: `requireVerifiedIdentity` without an identity secret.',
  })
  @ApiAnswer(200, chatbotAnswer)
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateChatbotDto): Promise<ChatbotView> {
    return this.chatbots.update(id, body);
  }

  /** A journey the chatbot had, current or one of the last 20, to explain a room's path. */
  @Authenticated()
  @ApiErrors({ 404: 'no such chatbot, or that version is no longer kept.' })
  @ApiAnswer(200, journeyAnswer)
  @Get(':id/journeys/:version')
  journeyVersion(
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<Journey> {
    return this.chatbots.journeyVersion(id, version);
  }

  @RequirePermissions('chatbots:manage')
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.chatbots.delete(id);
  }

  /** Replaces the key; the old one stops working. The new key is in this answer only. */
  @RequirePermissions('chatbots:manage')
  @ApiAnswer(201, chatbotWithKeyAnswer)
  @Post(':id/api-key')
  rotateKey(@Param('id') id: string): Promise<ChatbotWithKey> {
    return this.chatbots.rotateKey(id);
  }

  @RequirePermissions('chatbots:manage')
  @ApiAnswer(200, chatbotAnswer)
  @Delete(':id/api-key')
  revokeKey(@Param('id') id: string): Promise<ChatbotView> {
    return this.chatbots.revokeKey(id);
  }

  /**
   * The identity-verification secret, for the tenant's backend to sign visitors' emails with
   * (HMAC-SHA256, hex). 409 `identity_secret_missing` until one was created.
   */
  @RequirePermissions('chatbots:manage')
  @ApiErrors({ 409: '`identity_secret_missing`: the chatbot has no identity secret yet.' })
  @ApiAnswer(200, identitySecretAnswer)
  @Get(':id/identity-secret')
  identitySecret(@Param('id') id: string): Promise<{ identitySecret: string }> {
    return this.chatbots.identitySecret(id);
  }

  /** Creates the identity secret, or replaces it: hashes made with the old one stop verifying. */
  @RequirePermissions('chatbots:manage')
  @ApiAnswer(201, identitySecretAnswer)
  @Post(':id/identity-secret')
  rotateIdentitySecret(@Param('id') id: string): Promise<{ identitySecret: string }> {
    return this.chatbots.rotateIdentitySecret(id);
  }

  /** Turns identity verification off (and with it the requirement). */
  @RequirePermissions('chatbots:manage')
  @ApiAnswer(200, chatbotAnswer)
  @Delete(':id/identity-secret')
  removeIdentitySecret(@Param('id') id: string): Promise<ChatbotView> {
    return this.chatbots.removeIdentitySecret(id);
  }
}
